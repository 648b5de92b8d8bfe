package org.loyaltyrules.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.loyaltyrules.rules.program.Problem;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * {@code /actuator/health/loyalty}: UP while a program serves (always, once the application started), with the
 * program, its version and source, when it was loaded, the reload counts and, when the last reload failed, that
 * failure's compile errors ({@code file:line: message}) while the previous program keeps serving, and
 * {@code versionUnchanged}: the serving program was reloaded from changed files under the version of the one before.
 */
public final class LoyaltyHealthIndicator implements HealthIndicator {

    private final ProgramReloader reloader;

    public LoyaltyHealthIndicator(ProgramReloader reloader) {
        this.reloader = reloader;
    }

    @Override
    public Health health() {
        ProgramReloader.Status s = reloader.status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("program", s.programId());
        details.put("version", s.programVersion());
        details.put("source", s.source());
        details.put("loadedAt", s.loadedAt().toString());
        details.put("lastCheckAt", s.lastCheckAt() == null ? null : s.lastCheckAt().toString());
        details.put("reloads", s.reloads());
        details.put("reloadFailures", s.failures());
        details.put("lastReloadFailed", s.lastReloadFailed());
        details.put("compileErrors", s.problems().stream().map(Problem::toString).toList());
        details.put("versionUnchanged", s.versionUnchanged());
        return Health.up().withDetails(details).build();
    }
}
