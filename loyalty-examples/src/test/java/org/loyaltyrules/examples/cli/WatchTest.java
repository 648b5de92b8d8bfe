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
    void a_link_moved_to_another_program_folder_is_followed(@TempDir Path dir) throws IOException {
        // given: the base v1, and the candidate "current", a link to v1 at first
        Path v1 = Files.createDirectories(dir.resolve("v1"));
        Path v2 = Files.createDirectories(dir.resolve("v2"));
        Files.writeString(v1.resolve("program.json"), "{}");
        Files.writeString(v2.resolve("program.json"), "{\"version\": \"2\"}");
        Path current = Files.createSymbolicLink(dir.resolve("current"), v1);
        Path events = Files.writeString(dir.resolve("events.jsonl"), "");
        Watch watch = new Watch(events, v1, current);
        Map<String, String> before = watch.look();

        // when: the link is moved to v2
        Files.delete(current);
        Files.createSymbolicLink(current, v2);
        Map<String, String> after = watch.look();

        // then: v1's file was looked at once; now the candidate's is v2's, and the change is told
        assertThat(before.keySet()).containsExactly(v1.resolve("program.json").toString(), events.toString());
        assertThat(Watch.changed(before, after)).containsExactly(current.resolve("program.json") + " (new)");
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
