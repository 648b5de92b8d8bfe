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
 * Opens report.html in headless Chromium, as a person would: one invocation takes a screenshot
 * (target/report.png), one dumps the DOM after the scripts ran. The page must have drawn every chart, set
 * {@code <body data-rendered="ok">} and recorded no error. Without {@code chromium} (or {@code chromium-browser}) on
 * PATH the test installs Debian's package when it runs as root with CI=true, and is skipped, saying so, otherwise.
 */
class ReportBrowserTest {

    static final List<String> CHARTS = List.of("chart-tier-mix", "chart-tiers-by-month", "chart-points-by-month",
            "chart-cost-by-rule", "chart-value-pyramid", "chart-rfm", "chart-nps", "chart-warnings");
    private static final long BROWSER_SECONDS = 40;

    @Test
    void the_report_renders_every_chart_in_chromium_without_errors(@TempDir Path profile) throws Exception {
        // given
        String chromium = chromium().orElse(null);
        Assumptions.assumeTrue(chromium != null, "skipped: neither chromium nor chromium-browser is on PATH; install "
                + "it (Debian: apt-get install -y chromium) to run the browser test; as root with CI=true the test "
                + "installs it itself");
        Path target = Path.of("target").toAbsolutePath();
        Path out = target.resolve("report-browser");
        CliRun run = CliRun.of("report", "--program", CliRun.DEMO_PROGRAM.toString(), "--events",
                CliRun.resource("report/events.jsonl").toString(), "--out", out.toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String url = out.resolve("report.html").toUri().toString();
        Path png = target.resolve("report.png");
        Files.deleteIfExists(png);

        // when
        browse(chromium, profile.resolve("shot"), target.resolve("report-browser/screenshot.log"),
                "--screenshot=" + png, "--window-size=1280,2000", "--virtual-time-budget=5000", url);
        Path dom = target.resolve("report-browser/dom.html");
        browse(chromium, profile.resolve("dom"), dom, "--dump-dom", "--virtual-time-budget=5000", url);
        String html = Files.readString(dom);

        // then: the page ran to its end without an error and drew every chart
        Matcher body = Pattern.compile("</head>\\s*<body[^>]*>").matcher(html);
        assertThat(body.find()).as("a <body> in the dumped DOM").isTrue();
        assertThat(body.group()).doesNotContain("data-errors").contains("data-rendered=\"ok\"")
                .contains("data-charts=\"" + CHARTS.size() + "\"");
        List<String> canvases = new ArrayList<>();
        Matcher canvas = Pattern.compile("<canvas id=\"([^\"]+)\"[^>]*>").matcher(html);
        while (canvas.find()) {
            canvases.add(canvas.group(1));
            // Chart.js sizes each canvas it draws on
            assertThat(canvas.group()).contains("width=").contains("height=");
        }
        assertThat(canvases).containsExactlyElementsOf(CHARTS);
        assertThat(html).contains("Loyalty report: retail-basic 2026.1-demo").contains("NPS 33.33");

        // and the screenshot is a real 1280 x 2000 picture, not a blank page
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).as("PNG size").isGreaterThan(40_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        ByteBuffer ihdr = ByteBuffer.wrap(bytes, 16, 8);
        assertThat(ihdr.getInt()).isEqualTo(1280);
        assertThat(ihdr.getInt()).isEqualTo(2000);
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
