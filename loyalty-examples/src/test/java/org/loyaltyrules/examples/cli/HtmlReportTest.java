package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * How {@link HtmlReport#fill} puts the data into a page: the JSON sits in a script element, where the HTML parser
 * looks for {@code </script} and, after {@code <!--}, for {@code <script}; the data must not hold either.
 */
class HtmlReportTest {

    private static final String TEMPLATE = "<script>/*@CHART_JS@*/</script><script>/*@REPORT_DATA@*/null</script>";

    @Test
    void the_data_cannot_close_its_script_element() {
        // when
        String page = HtmlReport.fill(TEMPLATE, "var chart;", "{\"member\":\"</script><script>alert(1)</script>\"}");

        // then
        assertThat(page).isEqualTo("<script>var chart;</script><script>{\"member\":\"\\u003c/script>"
                + "\\u003cscript>alert(1)\\u003c/script>\"}</script>");
    }

    @Test
    void a_comment_opener_and_a_script_tag_in_the_data_are_written_without_a_less_than_sign() throws Exception {
        // given: "<!--" then "<script" would keep the real </script> from ending the element
        String json = "{\"member\":\"<!--<script>\",\"rule\":\"a < b\"}";

        // when
        String page = HtmlReport.fill(TEMPLATE, "var chart;", json);

        // then: the same JSON value, no '<' of its own
        String data = page.substring(page.lastIndexOf("<script>") + "<script>".length(), page.lastIndexOf("</script>"));
        assertThat(data).isEqualTo("{\"member\":\"\\u003c!--\\u003cscript>\",\"rule\":\"a \\u003c b\"}");
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(data)).isEqualTo(mapper.readTree(json));
    }

    @Test
    void a_chart_script_that_could_change_the_script_element_is_refused() {
        // when / then
        assertThatThrownBy(() -> HtmlReport.fill(TEMPLATE, "var a = '<!--';", "{}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("report/chart.umd.min.js contains <!--");
    }
}
