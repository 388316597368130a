// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.analysis;

import java.util.Locale;

/**
 * Builds JSON text: objects, arrays, strings with escapes, numbers (NaN and infinities as
 * {@code null}, since JSON has no such numbers). Commas and indentation are handled here.
 */
public final class JsonWriter {

    private final StringBuilder text = new StringBuilder(4096);
    private final boolean[] hasMember = new boolean[64];
    private int depth;
    /** A member name was written; its value follows without a separator. */
    private boolean pendingValue;

    public JsonWriter beginObject() {
        separator();
        text.append('{');
        hasMember[++depth] = false;
        return this;
    }

    public JsonWriter endObject() {
        close('}');
        return this;
    }

    public JsonWriter beginArray() {
        separator();
        text.append('[');
        hasMember[++depth] = false;
        return this;
    }

    public JsonWriter endArray() {
        close(']');
        return this;
    }

    /** The name of the next member of an object. */
    public JsonWriter name(String name) {
        separator();
        string(name);
        text.append(": ");
        pendingValue = true;
        return this;
    }

    public JsonWriter value(String value) {
        separator();
        if (value == null) {
            text.append("null");
        } else {
            string(value);
        }
        return this;
    }

    public JsonWriter value(double value) {
        separator();
        if (!Double.isFinite(value)) {
            text.append("null");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            text.append((long) value);
        } else {
            text.append(String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", ""));
        }
        return this;
    }

    public JsonWriter value(long value) {
        separator();
        text.append(value);
        return this;
    }

    public JsonWriter value(boolean value) {
        separator();
        text.append(value);
        return this;
    }

    public JsonWriter member(String name, double value) {
        return name(name).value(value);
    }

    public JsonWriter member(String name, String value) {
        return name(name).value(value);
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private void separator() {
        if (pendingValue) {
            pendingValue = false;
            return;
        }
        if (depth > 0) {
            if (hasMember[depth]) {
                text.append(',');
            }
            text.append('\n').append("  ".repeat(depth));
            hasMember[depth] = true;
        }
    }

    private void close(char bracket) {
        boolean any = hasMember[depth];
        depth--;
        if (any) {
            text.append('\n').append("  ".repeat(depth));
        }
        text.append(bracket);
    }

    private void string(String value) {
        text.append('"');
        for (int index = 0; index < value.length(); index++) {
            char character = value.charAt(index);
            switch (character) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (character < 0x20) {
                        text.append(String.format(Locale.ROOT, "\\u%04x", (int) character));
                    } else {
                        text.append(character);
                    }
                }
            }
        }
        text.append('"');
    }
}
