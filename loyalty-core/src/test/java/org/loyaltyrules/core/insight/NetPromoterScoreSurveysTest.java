package org.loyaltyrules.core.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** NPS of the Preppin' Data survey files in src/test/resources/nps (counts checked with awk, see docs/insight.md). */
class NetPromoterScoreSurveysTest {

    @Test
    void prep_air_scores_twenty_one_point_two() {
        // awk -F, 'NR>1{n++; if($3>=9)p++; else if($3<=6)d++} END{print p,d,n}' -> 74 35 184
        // (74 - 35) * 100 / 184 = 21.1956... -> 21.20
        List<Integer> scores = Resources.csvRows("/nps/airline_responses_prep_air.csv").stream()
                .map(r -> Integer.parseInt(r.get(2))).toList();

        NetPromoterScore nps = NetPromoterScore.of(scores);

        assertThat(nps).isEqualTo(new NetPromoterScore(74, 75, 35));
        assertThat(nps.score()).isEqualTo("21.20");
    }

    @Test
    void sudzilla_scores_per_response_day() {
        // 39 responses: 8 promoters, 9 passives, 22 detractors -> (8 - 22) * 100 / 39 = -35.897... -> -35.90.
        // Per day of the timestamp: 11/1/2019 7/8/19 of 34 -> -35.29; 11/2/2019 0/1/3 -> -75.00; 11/4/2019 1/0/0
        List<List<String>> rows = Resources.csvRows("/nps/sudzilla_survey.csv");

        NetPromoterScore overall = NetPromoterScore.of(rows.stream().map(r -> Integer.parseInt(r.get(1))).toList());
        var byDay = NetPromoterScore.byGroup(rows, r -> r.get(0).split(" ")[0], r -> Integer.parseInt(r.get(1)));

        assertThat(overall).isEqualTo(new NetPromoterScore(8, 9, 22));
        assertThat(overall.score()).isEqualTo("-35.90");
        assertThat(byDay.keySet()).containsExactly("11/1/2019", "11/2/2019", "11/4/2019");
        assertThat(byDay.get("11/1/2019")).isEqualTo(new NetPromoterScore(7, 8, 19));
        assertThat(byDay.get("11/1/2019").score()).isEqualTo("-35.29");
        assertThat(byDay.get("11/2/2019").score()).isEqualTo("-75.00");
        assertThat(byDay.get("11/4/2019").score()).isEqualTo("100.00");
    }
}
