package org.loyaltyrules.core.insight;

import java.util.ArrayList;
import java.util.List;

/** Tiny CSV reading for the test resources: comma-separated, double quotes around fields that need them. */
final class Resources {

    private Resources() {
    }

    /** The data rows (header dropped) of a CSV resource, fields unquoted. */
    static List<List<String>> csvRows(String resource) {
        List<String> lines = Cdnow.lines(resource);
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(Resources::fields).toList();
    }

    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }
}
