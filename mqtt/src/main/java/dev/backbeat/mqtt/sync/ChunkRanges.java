// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.mqtt.sync;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of chunk indexes held as sorted, disjoint, non-adjacent half-open ranges
 * {@code [from, to)}: a session's 600 stored chunks are usually one range.
 */
public final class ChunkRanges {

    /** The empty set. */
    public static final ChunkRanges EMPTY = new ChunkRanges(new int[0]);

    /** from0, to0, from1, to1, ... */
    private final int[] bounds;

    private ChunkRanges(int[] bounds) {
        this.bounds = bounds;
    }

    /** {@code [0, count)}. */
    public static ChunkRanges firstN(int count) {
        return count <= 0 ? EMPTY : new ChunkRanges(new int[] {0, count});
    }

    /** The set of the given indexes (any order, repeats allowed, each ≥ 0). */
    public static ChunkRanges of(int... indexes) {
        int[] sorted = indexes.clone();
        Arrays.sort(sorted);
        Builder builder = new Builder();
        for (int index : sorted) {
            builder.add(index);
        }
        return builder.build();
    }

    /**
     * From raw bounds as read from the wire; throws if they are not sorted, disjoint, non-adjacent,
     * non-empty ranges of non-negative indexes.
     */
    public static ChunkRanges fromBounds(int[] bounds) {
        if (bounds.length % 2 != 0) {
            throw new IllegalArgumentException("chunk ranges need an even number of bounds, got " + bounds.length);
        }
        int previousEnd = -1;
        for (int index = 0; index < bounds.length; index += 2) {
            int from = bounds[index];
            int to = bounds[index + 1];
            if (from < 0 || to <= from || from <= previousEnd) {
                throw new IllegalArgumentException("chunk range [" + from + ", " + to + ") is empty, negative, "
                        + "overlapping or out of order");
            }
            previousEnd = to;
        }
        return bounds.length == 0 ? EMPTY : new ChunkRanges(bounds.clone());
    }

    public int[] bounds() {
        return bounds.clone();
    }

    public int rangeCount() {
        return bounds.length / 2;
    }

    public boolean isEmpty() {
        return bounds.length == 0;
    }

    /** How many indexes the set holds. */
    public long size() {
        long size = 0;
        for (int index = 0; index < bounds.length; index += 2) {
            size += bounds[index + 1] - bounds[index];
        }
        return size;
    }

    public boolean contains(int chunk) {
        int low = 0;
        int high = bounds.length / 2 - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (chunk < bounds[2 * middle]) {
                high = middle - 1;
            } else if (chunk >= bounds[2 * middle + 1]) {
                low = middle + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Whether every index of {@code other} is in this set. */
    public boolean containsAll(ChunkRanges other) {
        int range = 0;
        for (int index = 0; index < other.bounds.length; index += 2) {
            while (range < bounds.length && bounds[range + 1] <= other.bounds[index]) {
                range += 2;
            }
            if (range == bounds.length || bounds[range] > other.bounds[index] || bounds[range + 1] < other.bounds[index + 1]) {
                return false;
            }
        }
        return true;
    }

    /** True when the set is exactly {@code [0, count)}. */
    public boolean isFirstN(int count) {
        return count == 0 ? bounds.length == 0 : bounds.length == 2 && bounds[0] == 0 && bounds[1] == count;
    }

    /** The indexes of {@code [0, count)} not in this set. */
    public ChunkRanges missingBelow(int count) {
        Builder missing = new Builder();
        int next = 0;
        for (int index = 0; index < bounds.length && next < count; index += 2) {
            missing.addRange(next, Math.min(bounds[index], count));
            next = Math.max(next, bounds[index + 1]);
        }
        missing.addRange(next, count);
        return missing.build();
    }

    /** The indexes of this set that are not in {@code other}. */
    public ChunkRanges minus(ChunkRanges other) {
        Builder kept = new Builder();
        for (int index = 0; index < bounds.length; index += 2) {
            int from = bounds[index];
            int to = bounds[index + 1];
            for (int cut = 0; cut < other.bounds.length && from < to; cut += 2) {
                if (other.bounds[cut + 1] <= from) {
                    continue;
                }
                if (other.bounds[cut] >= to) {
                    break;
                }
                kept.addRange(from, other.bounds[cut]);
                from = Math.max(from, other.bounds[cut + 1]);
            }
            kept.addRange(from, to);
        }
        return kept.build();
    }

    /** Every index, in order (for small sets). */
    public List<Integer> toList() {
        List<Integer> list = new ArrayList<>();
        for (int index = 0; index < bounds.length; index += 2) {
            for (int chunk = bounds[index]; chunk < bounds[index + 1]; chunk++) {
                list.add(chunk);
            }
        }
        return list;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChunkRanges ranges && Arrays.equals(bounds, ranges.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int index = 0; index < bounds.length; index += 2) {
            if (index > 0) {
                text.append(", ");
            }
            text.append(bounds[index]);
            if (bounds[index + 1] - bounds[index] > 1) {
                text.append("..").append(bounds[index + 1] - 1);
            }
        }
        return text.append('}').toString();
    }

    /** Builds a set from indexes or ranges given in ascending order. */
    public static final class Builder {
        private int[] bounds = new int[8];
        private int length;

        /** Adds {@code chunk}, which must not be below the last added index. */
        public Builder add(int chunk) {
            return addRange(chunk, chunk + 1);
        }

        /** Adds {@code [from, to)}; {@code from} must not be below the end of the last range added. */
        public Builder addRange(int from, int to) {
            if (from < 0) {
                throw new IllegalArgumentException("chunk index must be ≥ 0, was " + from);
            }
            if (to <= from) {
                return this;
            }
            if (length > 0 && from <= bounds[length - 1]) {
                if (from < bounds[length - 2]) {
                    throw new IllegalArgumentException("ranges must be added in ascending order");
                }
                bounds[length - 1] = Math.max(bounds[length - 1], to);
                return this;
            }
            if (length == bounds.length) {
                bounds = Arrays.copyOf(bounds, 2 * length);
            }
            bounds[length++] = from;
            bounds[length++] = to;
            return this;
        }

        public ChunkRanges build() {
            return length == 0 ? EMPTY : new ChunkRanges(Arrays.copyOf(bounds, length));
        }
    }
}
