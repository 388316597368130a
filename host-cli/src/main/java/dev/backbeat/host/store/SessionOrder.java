// SPDX-License-Identifier: Apache-2.0

package dev.backbeat.host.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order of a strap's sessions that does not trust its clock. A strap running
 * {@code backbeat-device serve} numbers its sessions from a counter in its data directory and puts
 * the number in the id ({@code 20261206T174000Z-n42-3f9a}; also {@code session.sequence} in the
 * start record), because a Pi without a real-time clock may start with a wrong time. Listing by
 * start time, newest first, keeps the places each strap's sessions take among all straps'; within
 * them, a strap's numbered sessions are put in the order of their numbers. Sessions without a number
 * (recorded by the one-shot command or an older strap) keep their place by time.
 */
public final class SessionOrder {

    private static final Pattern NUMBERED = Pattern.compile("-n(\\d{1,18})-[0-9a-f]{4}$");

    private SessionOrder() {
    }

    /** The strap's number of {@code sessionId}, if it has one. */
    public static OptionalLong sequence(String sessionId) {
        Matcher matcher = NUMBERED.matcher(sessionId);
        return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    /** {@code newestFirst} (by start time) with each strap's numbered sessions in number order, highest first. */
    public static List<SessionListing> bySequenceWithinDevice(List<SessionListing> newestFirst) {
        List<SessionListing> ordered = new ArrayList<>(newestFirst);
        Map<String, List<Integer>> slots = new LinkedHashMap<>();
        for (int index = 0; index < ordered.size(); index++) {
            if (sequence(ordered.get(index).sessionId()).isPresent()) {
                slots.computeIfAbsent(ordered.get(index).deviceId(), device -> new ArrayList<>()).add(index);
            }
        }
        for (List<Integer> places : slots.values()) {
            List<SessionListing> sessions = new ArrayList<>(places.stream().map(ordered::get).toList());
            sessions.sort(Comparator.comparingLong((SessionListing listing) -> sequence(listing.sessionId()).getAsLong())
                    .reversed());
            for (int index = 0; index < places.size(); index++) {
                ordered.set(places.get(index), sessions.get(index));
            }
        }
        return ordered;
    }
}
