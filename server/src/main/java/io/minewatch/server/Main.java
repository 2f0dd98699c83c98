package io.minewatch.server;

import io.minewatch.config.ConfigException;
import io.minewatch.config.ConfigLoader;
import io.minewatch.config.MinewatchConfig;
import io.minewatch.config.Redact;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts minewatch: {@code minewatch --config FILE [--model CARD_DIR]}.
 *
 * <p>A bad configuration prints one line naming the key at fault and exits with status 2; a
 * failure while starting prints one line and exits with 1. Neither line, nor any log line, holds a
 * configured secret (see {@link Redact}). SIGTERM and Ctrl-C close everything in reverse order.
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);
    static final int EXIT_CONFIG = 2;
    static final int EXIT_START = 1;

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, Map<String, String> env, PrintStream err) {
        Path config = env.containsKey("MINEWATCH_CONFIG") ? Path.of(env.get("MINEWATCH_CONFIG")) : null;
        Path model = Path.of(env.getOrDefault("MINEWATCH_MODEL", "models/yolox-nano"));
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("--config") || a.equals("--model")) && i + 1 < args.length) {
                Path p = Path.of(args[++i]);
                if (a.equals("--config")) {
                    config = p;
                } else {
                    model = p;
                }
            } else {
                err.println("usage: minewatch --config FILE [--model MODEL_CARD_DIR]"
                        + (a.equals("--help") ? "" : " (unexpected argument: " + a + ")"));
                return a.equals("--help") ? 0 : EXIT_CONFIG;
            }
        }
        if (config == null) {
            err.println("minewatch: no configuration: give --config FILE or set MINEWATCH_CONFIG");
            return EXIT_CONFIG;
        }
        MinewatchConfig cfg;
        try {
            cfg = EnvOverrides.apply(ConfigLoader.load(config, env), env);
        } catch (ConfigException e) {
            err.println("minewatch: " + Redact.text(e.getMessage()));
            return EXIT_CONFIG;
        }
        Application app;
        try {
            app = Application.start(cfg, model);
        } catch (Exception e) {
            err.println("minewatch: cannot start: " + oneLine(e));
            return EXIT_START;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            app.close();
            log.info("stopped");
            stopped.countDown();
        }, "shutdown"));
        log.info("minewatch running: http://{}:{}/metrics", cfg.http().host(), app.httpPort());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return Redact.text(m.replace('\n', ' ').replace('\r', ' '));
    }
}
