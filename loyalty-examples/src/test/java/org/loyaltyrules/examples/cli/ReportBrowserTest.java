package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens report.html and what-if.html in headless Chromium, as a person would: one invocation takes a screenshot
 * (target/report.png, target/what-if.png), one dumps the DOM after the scripts ran. The page must have drawn every chart, set
 * {@code <body data-rendered="ok">} and recorded no error. Without {@code chromium} (or {@code chromium-browser}) on
 * PATH the test installs Debian's package when it runs as root with CI=true, and is skipped, saying so, otherwise.
 */
class ReportBrowserTest {

    static final List<String> CHARTS = List.of("chart-tier-mix", "chart-tiers-by-month", "chart-points-by-month",
            "chart-cost-by-rule", "chart-value-pyramid", "chart-rfm", "chart-nps", "chart-warnings");
    private static final long BROWSER_SECONDS = 40;

    static final List<String> WHAT_IF_CHARTS = List.of("chart-cost-by-rule", "chart-tier-mix", "chart-delta-spread",
            "chart-top-members");

    @Test
    void the_report_renders_every_chart_in_chromium_without_errors(@TempDir Path profile) throws Exception {
        // given
        String chromium = requireChromium();
        Path out = Path.of("target").toAbsolutePath().resolve("report-browser");
        CliRun run = CliRun.of("report", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                CliRun.resource("report/events.jsonl").toString(), "--out", out.toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();

        // when
        String html = render(chromium, profile, out.resolve("report.html"), Path.of("target/report.png").toAbsolutePath());

        // then
        assertRenderedWithoutErrors(html, CHARTS);
        assertThat(html).contains("Loyalty report: retail-basic 2026.1-demo").contains("NPS 33.33")
                .contains("churn = no purchase for more than 2 × the member's usual interval")
                .contains("(net of refunds), total 620.00 USD.")
                .contains("<td data-value=\"120.00\" class=\"num\">120.00</td>");
        assertThat(cards(html)).containsExactly("Points issued 670", "Points redeemed 100", "Points expired 0",
                "Points clawed back 50", "Points unrecovered 0", "Points adjusted 0", "Liability (points) 520",
                "Available 500", "Pending 20", "Churn warnings 1", "Downgrade warnings 0");
    }

    @Test
    void the_what_if_page_renders_every_chart_in_chromium_without_errors(@TempDir Path profile) throws Exception {
        // given: retail-basic against a candidate with 2 points per USD and silver from 100 instead of 500 growth
        String chromium = requireChromium();
        Path out = Path.of("target").toAbsolutePath().resolve("what-if-browser");
        Path candidate = Files.createDirectories(profile.resolve("candidate"));
        Files.writeString(candidate.resolve("program.json"), Files.readString(CliRun.DEMO_PROGRAM.resolve("program.json"))
                .replace("\"baseRate\": \"1\"", "\"baseRate\": \"2\"")
                .replace("{\"id\": \"silver\", \"threshold\": \"500\"}", "{\"id\": \"silver\", \"threshold\": \"100\"}")
                .replace("\"version\": \"2026.1", "\"version\": \"2026.2"));
        CliRun run = CliRun.of("what-if", "--base", CliRun.DEMO_PROGRAM.toString(), "--candidate",
                candidate.toString(), "--events", CliRun.resource("report/events.jsonl").toString(), "--out",
                out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        // when
        String html = render(chromium, profile, out.resolve("what-if.html"),
                Path.of("target/what-if.png").toAbsolutePath());

        // then
        assertRenderedWithoutErrors(html, WHAT_IF_CHARTS);
        assertThat(html).contains("What-if: retail-basic 2026.1-demo vs retail-basic 2026.2-demo")
                .contains("<td data-value=\"670\" class=\"num delta-up\">+670</td>");
    }

    @Test
    void a_member_id_holding_a_comment_opener_and_a_script_tag_renders_as_text(@TempDir Path profile)
            throws Exception {
        // given: "<!--" then "<script" in the data would keep the page's own </script> from ending the data element
        String events = """
                {"id":"p1","type":"purchase","member":"<!--<script>","at":"2025-01-10T10:00:00Z","amount":"30.00"}
                {"id":"p2","type":"purchase","member":"m2","at":"2025-01-11T10:00:00Z","amount":"20.00"}
                """;

        // when
        String html = renderedReport(profile, "comment", CliRun.DEMO_PROGRAM, "events.jsonl", events);

        // then
        assertThat(html).contains("<td data-value=\"&lt;!--&lt;script&gt;\" class=\"text-id\">&lt;!--&lt;script&gt;</td>");
    }

    @Test
    void the_point_cards_add_up_to_the_liability_with_unrecovered_and_adjusted_points(@TempDir Path profile)
            throws Exception {
        // when
        String html = reportOfARefundAfterARedemption(profile, "RECOVER_AVAILABLE");

        // then: the refund could take back none of the 100 points m1 spent: 100 - 100 - 0 - 100 + 100 + 30 = 30
        assertThat(cards(html)).containsExactly("Points issued 100", "Points redeemed 100", "Points expired 0",
                "Points clawed back 100", "Points unrecovered 100", "Points adjusted 30", "Liability (points) 30",
                "Available 30", "Pending 0", "Churn warnings 0", "Downgrade warnings 0");
        assertThat(html).contains("<p class=\"note\" id=\"kpi-note\">Liability = issued − redeemed − expired − "
                + "clawed back + unrecovered (clawed back but already spent) + adjusted = available + pending.</p>");
    }

    @Test
    void under_negative_balance_the_point_cards_add_up_without_an_unrecovered_card(@TempDir Path profile)
            throws Exception {
        // when
        String html = reportOfARefundAfterARedemption(profile, "NEGATIVE_BALANCE");

        // then: m1's balance goes to -100: 100 - 100 - 0 - 100 + 30 = -70
        assertThat(cards(html)).containsExactly("Points issued 100", "Points redeemed 100", "Points expired 0",
                "Points clawed back 100", "Points adjusted 30", "Liability (points) -70", "Available -70", "Pending 0",
                "Churn warnings 0", "Downgrade warnings 0");
        assertThat(html).contains("<p class=\"note\" id=\"kpi-note\">Liability = issued − redeemed − expired − "
                + "clawed back + adjusted = available + pending.</p>");
    }

    /**
     * The DOM of the report, under the demo program with {@code refundPolicy}, of m1 earning 100 (available after 14
     * days), redeeming them and then having its purchase refunded (100 clawed back), and of m2 adjusted by 30.
     */
    private static String reportOfARefundAfterARedemption(Path profile, String refundPolicy) throws Exception {
        Path program = Files.createDirectories(profile.resolve("program"));
        Files.writeString(program.resolve("program.json"), Files.readString(CliRun.DEMO_PROGRAM.resolve("program.json"))
                .replace("\"pendingDays\": 14,",
                        "\"refunds\": {\"policy\": \"" + refundPolicy + "\"}, \"pendingDays\": 14,"));
        return renderedReport(profile, refundPolicy, program, "events.jsonl", """
                {"id":"p1","type":"purchase","member":"m1","at":"2025-01-01T10:00:00Z","amount":"100.00"}
                {"id":"x1","type":"redemption","member":"m1","at":"2025-02-01T10:00:00Z","points":100}
                {"id":"r1","type":"refund","member":"m1","at":"2025-02-02T10:00:00Z","original":"p1","amount":"100.00"}
                {"id":"j1","type":"adjustment","member":"m2","at":"2025-02-03T10:00:00Z","points":30,"reason":"x"}
                """);
    }

    /**
     * The DOM of the report of {@code events} (written to {@code file}) under {@code program} with {@code options}, in
     * target/report-browser-{@code name}, once it has drawn every chart without an error.
     */
    private static String renderedReport(Path profile, String name, Path program, String file, String events,
                                         String... options) throws Exception {
        String chromium = requireChromium();
        Path input = Files.writeString(profile.resolve(file), events);
        Path out = Path.of("target").toAbsolutePath().resolve("report-browser-" + name);
        List<String> args = new ArrayList<>(List.of("report", "--program", program.toString(), "--events",
                input.toString(), "--out", out.toString(), "--no-progress"));
        args.addAll(List.of(options));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        String html = dumpDom(chromium, profile, out.resolve("report.html"));
        assertRenderedWithoutErrors(html, CHARTS);
        return html;
    }

    /** The page's cards, label and value: "Points issued 100". */
    private static List<String> cards(String html) {
        List<String> cards = new ArrayList<>();
        Matcher card = Pattern.compile("<div class=\"kpi\"><div class=\"label\">([^<]*)</div><div class=\"value\">"
                + "([^<]*)</div>").matcher(html);
        while (card.find()) {
            cards.add(card.group(1) + " " + card.group(2));
        }
        return cards;
    }

    @Test
    void the_report_header_says_what_was_not_sent_what_caps_withheld_and_what_came_after_the_as_of_date(
            @TempDir Path profile) throws Exception {
        // when
        String html = renderedReport(profile, "online-retail", CliRun.DEMO_PROGRAM, "online_retail.csv",
                ReportCommandTest.ONLINE_RETAIL, "--as-of", "2010-12-02");

        // then
        // (the as-of date as the console prints it, not the instant that ends it)
        assertThat(html).contains("<div class=\"meta\" id=\"meta\">Events online_retail.csv (online-retail), as of "
                + "2010-12-02 (end of day, UTC) · 2 members · 4 events read: 3 applied, 0 rejected, 0 duplicates, "
                + "1 after the as-of date · 0 bad lines</div>\n"
                + "  <div class=\"meta\" id=\"meta-notes\"><div>3 input records the reader did not send as events, "
                + "or sent in part (loyalty run lists them in unsent.csv, with the reason)</div>"
                + "<div>Cap daily-points withheld 47,800 points from 1 event of 1 member</div></div>");
    }

    @Test
    void a_report_without_members_shows_zero_warnings_and_names_the_review_day(@TempDir Path profile)
            throws Exception {
        // given: a redemption of a member who has no points: rejected, so no member
        String events = """
                {"id":"x1","type":"redemption","member":"m1","at":"2025-03-01T10:00:00Z","points":50,"reason":"mug"}
                """;

        // when
        String html = renderedReport(profile, "no-members", CliRun.DEMO_PROGRAM, "events.jsonl", events,
                "--as-of", "2025-03-01");

        // then: 0 warnings (they were blank), the review day in the notes (they said "-"), and why x1 was rejected
        assertThat(cards(html)).endsWith("Churn warnings 0", "Downgrade warnings 0");
        assertThat(html).contains("<div class=\"meta\" id=\"meta\">Events events.jsonl (jsonl), as of 2025-03-01"
                        + " (end of day, UTC) · 0 members · 1 event read: 0 applied, 1 rejected (INSUFFICIENT_POINTS 1),"
                        + " 0 duplicates · 0 bad lines</div>")
                .contains("<p class=\"note\" id=\"pyramid-note\">Members ranked by spend in the year to 2025-03-01"
                        + " (end of day, UTC) (net of refunds), total 0.00 USD.</p>")
                .contains("<p class=\"note\" id=\"rfm-note\">R package rfm conventions, 5 quantile bins over 0"
                        + " members with purchases, analysis date 2025-03-01.</p>");
    }

    @Test
    void a_report_of_a_file_without_events_shows_zero_warnings_and_no_spend(@TempDir Path profile) throws Exception {
        // when: an empty events file, no --as-of (so no review instant)
        String html = renderedReport(profile, "empty", CliRun.DEMO_PROGRAM, "events.jsonl", "");

        // then
        assertThat(cards(html)).endsWith("Churn warnings 0", "Downgrade warnings 0");
        assertThat(html).contains("<p class=\"note\" id=\"pyramid-note\">Members ranked by spend in the year to -"
                + " (net of refunds), total 0.00 USD.</p>");
    }

    @Test
    void the_nps_note_counts_the_survey_events_applied_not_a_duplicate_copy(@TempDir Path profile) throws Exception {
        // given: m1 answers 3 then 10, m2 answers 9, and m1's first answer is sent twice
        String events = """
                {"id":"s1","type":"survey","member":"m1","at":"2025-03-01T10:00:00Z","score":3}
                {"id":"s1","type":"survey","member":"m1","at":"2025-03-01T10:00:00Z","score":3}
                {"id":"s2","type":"survey","member":"m2","at":"2025-03-02T10:00:00Z","score":9}
                {"id":"s3","type":"survey","member":"m1","at":"2025-03-03T10:00:00Z","score":10}
                """;

        // when
        String html = renderedReport(profile, "nps", CliRun.DEMO_PROGRAM, "events.jsonl", events);

        // then: two promoters of two members (m1's latest is 10): NPS 100.00, over 3 survey events applied
        assertThat(html).contains("<p class=\"note\" id=\"nps-note\">NPS 100.00 over 2 members' latest answers"
                + " (3 survey events applied).</p>");
    }

    @Test
    void a_cashback_programs_page_labels_its_figures_as_reward_in_minor_units(@TempDir Path profile)
            throws Exception {
        // given: an Executive member's $130 fee and $100 purchase (2 % = 200 cents)
        String events = """
                {"id":"f1","type":"membership_fee","member":"c1","at":"2025-01-10T18:00:00Z","amount":"130.00",\
                "tier":"executive","termMonths":12}
                {"id":"p1","type":"purchase","member":"c1","at":"2025-02-01T18:00:00Z","amount":"100.00"}
                """;

        // when
        String html = renderedReport(profile, "cashback", Path.of("programs/costco-executive"), "events.jsonl",
                events);

        // then
        assertThat(cards(html)).startsWith("Reward issued 200", "Reward redeemed 0", "Reward expired 0",
                "Reward clawed back 0", "Reward unrecovered 0", "Reward adjusted 0", "Liability (minor units) 200");
        assertThat(html).contains("<div class=\"label\">Liability (USD)</div><div class=\"value\">2.00</div>")
                .contains("The reward is money: its figures count minor units of USD (1 = 0.01 USD), as the"
                        + " liability in USD shows.</p>")
                .contains("<h2 data-unit=\"\">Reward and liability</h2>")
                .contains("<h2 data-unit=\"\">Reward by month</h2>")
                .contains("<p class=\"note\" data-unit=\"\">Reward credited (EARN) per rule.</p>")
                .contains("<h2 data-unit=\"\">Top members by reward</h2>")
                .doesNotContain(">Points");
    }

    /**
     * m1 and m2 adjusted by Long.MAX_VALUE (9,223,372,036,854,775,807) each, m3 by 2^53 + 1 (9,007,199,254,740,993):
     * every one beyond the integers a JavaScript Number holds exactly, as is their sum 18,455,751,272,964,292,607.
     */
    static final String HUGE_ADJUSTMENTS = """
            {"id":"j1","type":"adjustment","member":"m1","at":"2025-03-03T10:00:00Z",\
            "points":9223372036854775807,"reason":"x"}
            {"id":"j2","type":"adjustment","member":"m2","at":"2025-03-04T10:00:00Z",\
            "points":9223372036854775807,"reason":"x"}
            {"id":"j3","type":"adjustment","member":"m3","at":"2025-03-05T10:00:00Z",\
            "points":9007199254740993,"reason":"x"}
            """;

    @Test
    void the_report_shows_points_beyond_2_to_the_53_exactly(@TempDir Path profile) throws Exception {
        // when
        String html = renderedReport(profile, "huge", CliRun.DEMO_PROGRAM, "events.jsonl", HUGE_ADJUSTMENTS);

        // then: not 18,455,751,272,964,293,000 nor 9,007,199,254,740,992, as Number would show them
        assertThat(html).contains("<div class=\"label\">Liability (points)</div>"
                        + "<div class=\"value\">18,455,751,272,964,292,607</div>")
                .contains("<td data-value=\"m1\" class=\"text-id\">m1</td><td data-value=\"member\">member</td>"
                        + "<td data-value=\"9223372036854775807\" class=\"num\">9,223,372,036,854,775,807</td>")
                .contains("<td data-value=\"m3\" class=\"text-id\">m3</td><td data-value=\"member\">member</td>"
                        + "<td data-value=\"9007199254740993\" class=\"num\">9,007,199,254,740,993</td>");
    }

    @Test
    void the_what_if_page_shows_points_beyond_2_to_the_53_exactly(@TempDir Path profile) throws Exception {
        // given: the demo program against itself
        String chromium = requireChromium();
        Path events = Files.writeString(profile.resolve("events.jsonl"), HUGE_ADJUSTMENTS);
        Path out = Path.of("target").toAbsolutePath().resolve("what-if-browser-huge");
        CliRun run = CliRun.of("what-if", "--base", CliRun.DEMO_PROGRAM.toString(), "--candidate",
                CliRun.DEMO_PROGRAM.toString(), "--events", events.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        // when
        String html = dumpDom(chromium, profile, out.resolve("what-if.html"));

        // then
        assertRenderedWithoutErrors(html, WHAT_IF_CHARTS);
        assertThat(html).contains("<div class=\"label\">Liability (points)</div><div class=\"value\">0</div>"
                + "<div class=\"label\">18,455,751,272,964,292,607 → 18,455,751,272,964,292,607</div>");
    }

    @Test
    void a_cashback_what_if_page_labels_its_figures_as_reward_in_minor_units(@TempDir Path profile) throws Exception {
        // given: costco-executive (2 % cashback) against a copy paying 3 %; an Executive member's $100 purchase
        String chromium = requireChromium();
        Path base = Path.of("programs/costco-executive");
        Path candidate = Files.createDirectories(profile.resolve("candidate"));
        String json = Files.readString(base.resolve("program.json"));
        String rate = "{\"attribute\": \"tier\", \"values\": [\"executive\"], \"rate\": \"2\"}";
        assertThat(json).contains(rate);
        Files.writeString(candidate.resolve("program.json"), json.replace(rate, rate.replace("\"2\"", "\"3\"")));
        Path events = Files.writeString(profile.resolve("events.jsonl"), """
                {"id":"f1","type":"membership_fee","member":"c1","at":"2025-01-10T18:00:00Z","amount":"130.00",\
                "tier":"executive","termMonths":12}
                {"id":"p1","type":"purchase","member":"c1","at":"2025-02-01T18:00:00Z","amount":"100.00"}
                """);
        Path out = Path.of("target").toAbsolutePath().resolve("what-if-browser-cashback");
        CliRun run = CliRun.of("what-if", "--base", base.toString(), "--candidate", candidate.toString(), "--events",
                events.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        // when
        String html = dumpDom(chromium, profile, out.resolve("what-if.html"));

        // then: 200 cents against 300
        assertRenderedWithoutErrors(html, WHAT_IF_CHARTS);
        assertThat(cards(html)).startsWith("Reward issued (minor units) +100", "Liability (minor units) +100");
        assertThat(html).contains("the reward is money: its figures count minor units of USD (1 = 0.01 USD)")
                .contains("<p class=\"note\" data-unit=\"\">Reward credited (EARN) per rule under each program.</p>")
                .contains("<h2 data-unit=\"\">Top members by reward delta</h2>")
                .contains("Members by the change in reward earned (candidate − base). The ranges count minor units of "
                        + "USD.</p>")
                .doesNotContain(">Points");
    }

    private static String requireChromium() throws IOException, InterruptedException {
        String chromium = chromium().orElse(null);
        Assumptions.assumeTrue(chromium != null, "skipped: neither chromium nor chromium-browser is on PATH; install "
                + "it (Debian: apt-get install -y chromium) to run the browser test; as root with CI=true the test "
                + "installs it itself");
        return chromium;
    }

    /**
     * Takes a 1280 x 2000 screenshot of {@code page} into {@code png} (asserting it is a real picture, not a blank
     * page) and returns the DOM after the page's scripts ran.
     */
    private static String render(String chromium, Path profile, Path page, Path png)
            throws IOException, InterruptedException {
        String url = page.toUri().toString();
        Files.deleteIfExists(png);
        Path logs = page.resolveSibling("browser");
        browse(chromium, profile.resolve("shot"), logs.resolve("screenshot.log"),
                "--screenshot=" + png, "--window-size=1280,2000", "--virtual-time-budget=5000", url);
        String dom = dumpDom(chromium, profile, page);

        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).as("PNG size").isGreaterThan(40_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        ByteBuffer ihdr = ByteBuffer.wrap(bytes, 16, 8);
        assertThat(ihdr.getInt()).isEqualTo(1280);
        assertThat(ihdr.getInt()).isEqualTo(2000);
        return dom;
    }

    /** The DOM of {@code page} after its scripts ran. */
    private static String dumpDom(String chromium, Path profile, Path page) throws IOException, InterruptedException {
        Path dom = page.resolveSibling("browser").resolve("dom.html");
        browse(chromium, profile.resolve("dom"), dom, "--dump-dom", "--virtual-time-budget=5000",
                page.toUri().toString());
        return Files.readString(dom);
    }

    /** The page ran to its end without an error and drew every chart (Chart.js sizes each canvas it draws on). */
    private static void assertRenderedWithoutErrors(String html, List<String> charts) {
        Matcher body = Pattern.compile("</head>\\s*<body[^>]*>").matcher(html);
        assertThat(body.find()).as("a <body> in the dumped DOM").isTrue();
        assertThat(body.group()).doesNotContain("data-errors").contains("data-rendered=\"ok\"")
                .contains("data-charts=\"" + charts.size() + "\"");
        List<String> canvases = new ArrayList<>();
        Matcher canvas = Pattern.compile("<canvas id=\"([^\"]+)\"[^>]*>").matcher(html);
        while (canvas.find()) {
            canvases.add(canvas.group(1));
            assertThat(canvas.group()).contains("width=").contains("height=");
        }
        assertThat(canvases).containsExactlyElementsOf(charts);
    }

    private static void browse(String chromium, Path profile, Path stdout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Files.createDirectories(stdout.getParent());
        Path stderr = stdout.resolveSibling(stdout.getFileName() + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(BROWSER_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within " + BROWSER_SECONDS + " s: " + command);
        }
        assertThat(p.exitValue()).as("chromium exit code; stderr in " + stderr).isZero();
    }

    /** chromium or chromium-browser on PATH; installed first (Debian) when running as root with CI=true. */
    static Optional<String> chromium() throws IOException, InterruptedException {
        Optional<String> found = onPath("chromium").or(() -> onPath("chromium-browser"));
        if (found.isPresent() || !"true".equalsIgnoreCase(System.getenv("CI")) || !isRoot()) {
            return found;
        }
        try {
            Process p = new ProcessBuilder("apt-get", "install", "-y", "chromium").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            return Optional.empty(); // no apt-get: skipped like any machine without chromium
        }
        return onPath("chromium").or(() -> onPath("chromium-browser"));
    }

    private static Optional<String> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    private static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
