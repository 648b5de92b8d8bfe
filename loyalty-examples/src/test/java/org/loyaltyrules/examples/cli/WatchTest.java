package org.loyaltyrules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchTest {

    @Test
    void a_program_folder_given_twice_in_two_spellings_is_watched_once_under_its_first_spelling(@TempDir Path dir)
            throws IOException {
        // given: one program folder, named as the base and, spelled another way, as the candidate
        Path program = Files.createDirectories(dir.resolve("program"));
        Files.writeString(program.resolve("program.json"), "{}");
        Path rules = Files.createDirectories(program.resolve("rules"));
        Files.writeString(rules.resolve("a.drl"), "package a;");
        Path events = Files.writeString(dir.resolve("events.jsonl"), "");
        Watch watch = new Watch(events, program, dir.resolve("other/../program"));
        Map<String, String> before = watch.look();

        // when: the folder's program.json changes
        Files.writeString(program.resolve("program.json"), "{\"name\": \"x\"}");
        Map<String, String> after = watch.look();

        // then: each file is looked at once, and the change is told once
        assertThat(before.keySet()).containsExactly(program.resolve("program.json").toString(),
                rules.resolve("a.drl").toString(), events.toString());
        assertThat(Watch.changed(before, after)).containsExactly(program.resolve("program.json").toString());
    }

    @Test
    void two_different_program_folders_are_both_watched(@TempDir Path dir) throws IOException {
        // given
        Path base = Files.createDirectories(dir.resolve("base"));
        Path candidate = Files.createDirectories(dir.resolve("candidate"));
        Files.writeString(base.resolve("program.json"), "{}");
        Files.writeString(candidate.resolve("program.json"), "{}");
        Path events = Files.writeString(dir.resolve("events.jsonl"), "");

        // when
        Map<String, String> seen = new Watch(events, base, candidate).look();

        // then
        assertThat(seen.keySet()).containsExactly(base.resolve("program.json").toString(),
                candidate.resolve("program.json").toString(), events.toString());
    }
}
