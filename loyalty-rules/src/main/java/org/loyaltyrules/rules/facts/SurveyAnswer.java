package org.loyaltyrules.rules.facts;

import org.apiguardian.api.API;

/** A survey answer being evaluated: the 0-10 score, its NPS category and the touchpoint it was asked at. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SurveyAnswer(String eventId, int score, String category, String touchpoint) {
}
