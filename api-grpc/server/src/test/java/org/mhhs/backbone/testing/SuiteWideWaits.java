package org.mhhs.backbone.testing;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The one default of every Awaitility wait in the hub's tests: 60 s, polled every 100 ms. The hub's processors are
 * asynchronous and the suite shares a 2-core machine with other builds, where Awaitility's own 10 s default fails
 * waits that are merely slow. Registered for the JUnit Platform launcher in
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}, so it is set before any test of any
 * engine (Jupiter and jqwik alike) runs, without each test class having to load anything. A wait that must be shorter
 * or longer says so with {@code atMost}.
 */
public final class SuiteWideWaits implements LauncherSessionListener {

    public static final Duration TIMEOUT = Duration.ofSeconds(60);
    public static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Awaitility.setDefaultTimeout(TIMEOUT);
        Awaitility.setDefaultPollInterval(POLL_INTERVAL);
    }
}
