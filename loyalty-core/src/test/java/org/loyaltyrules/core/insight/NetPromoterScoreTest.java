package org.loyaltyrules.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetPromoterScoreTest {

    record Answer(String tier, int score) {
    }

    @Test
    void categories_split_at_seven_and_nine() {
        assertThat(List.of(0, 6, 7, 8, 9, 10).stream().map(NpsCategory::of).toList()).containsExactly(
                NpsCategory.DETRACTOR, NpsCategory.DETRACTOR, NpsCategory.PASSIVE, NpsCategory.PASSIVE,
                NpsCategory.PROMOTER, NpsCategory.PROMOTER);
        assertThatThrownBy(() -> NpsCategory.of(11)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("NPS score must be in 0..10, was 11");
    }

    @Test
    void each_category_names_its_scores_and_every_score_falls_in_its_categorys() {
        assertThat(List.of(NpsCategory.values()).stream().map(NpsCategory::scores).toList())
                .containsExactly("9-10", "7-8", "0-6");
        for (int score = 0; score <= 10; score++) {
            String[] range = NpsCategory.of(score).scores().split("-");
            assertThat(score).isBetween(Integer.parseInt(range[0]), Integer.parseInt(range[1]));
        }
    }

    @Test
    void nps_is_percent_promoters_minus_percent_detractors_rounded_half_up_to_two_decimals() {
        // 10, 9, 9 promoters; 8 passive; 3, 6 detractors: (3 - 2) * 100 / 6 = 16.666... -> 16.67
        NetPromoterScore nps = NetPromoterScore.of(List.of(10, 9, 9, 8, 3, 6));

        assertThat(nps).isEqualTo(new NetPromoterScore(3, 1, 2));
        assertThat(nps.score()).isEqualTo("16.67");
        assertThat(NetPromoterScore.of(List.of(0, 0, 7)).score()).isEqualTo("-66.67");
        assertThat(NetPromoterScore.of(List.of(10)).score()).isEqualTo("100.00");
        // a tie at the third decimal rounds away from zero: 1 promoter or 1 detractor of 32 is +-3.125
        assertThat(new NetPromoterScore(1, 31, 0).score()).isEqualTo("3.13");
        assertThat(new NetPromoterScore(0, 31, 1).score()).isEqualTo("-3.13");
    }

    @Test
    void nps_groups_by_any_key() {
        List<Answer> answers = List.of(new Answer("gold", 10), new Answer("gold", 9), new Answer("gold", 4),
                new Answer("base", 7), new Answer("base", 2), new Answer("base", 5), new Answer("base", 10));

        var byTier = NetPromoterScore.byGroup(answers, Answer::tier, Answer::score);

        assertThat(byTier.keySet()).containsExactly("base", "gold");
        assertThat(byTier.get("base")).isEqualTo(new NetPromoterScore(1, 1, 2));
        assertThat(byTier.get("gold")).isEqualTo(new NetPromoterScore(2, 0, 1));
        assertThat(NetPromoterScore.byGroup(answers, Answer::tier, Answer::score).get("gold").score())
                .isEqualTo("33.33");
        assertThat(NetPromoterScore.byGroup(answers, Answer::tier, Answer::score).get("base").score())
                .isEqualTo("-25.00");
    }

    @Test
    void an_empty_set_has_no_nps() {
        assertThatThrownBy(() -> NetPromoterScore.of(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an NPS needs at least one response, had none");
    }
}
