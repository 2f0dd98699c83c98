package io.minewatch.tools.auth;

import io.minewatch.server.auth.PasswordHasher;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Prints the Argon2id PHC hash of a password for {@code users[].password_hash}: {@code scripts/hash-password}.
 * At a terminal the password is asked twice without echo; otherwise it is the first line of standard
 * input ({@code printf '%s\n' "$PW" | scripts/hash-password}). The password never appears in the
 * output or an error. Exit 0: the hash on stdout; 2: no password, or the two entries differ.
 */
public final class HashPassword {
    static final int EXIT_USAGE = 2;

    private HashPassword() {
    }

    public static void main(String[] args) throws IOException {
        Console console = System.console();
        int status = console != null && args.length == 0
                ? fromConsole(console, System.out, System.err)
                : run(args, System.in, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    private static int fromConsole(Console console, PrintStream out, PrintStream err) {
        char[] a = console.readPassword("password: ");
        char[] b = console.readPassword("again: ");
        try {
            if (a == null || a.length == 0) {
                err.println("hash-password: no password given");
                return EXIT_USAGE;
            }
            if (!Arrays.equals(a, b)) {
                err.println("hash-password: the two entries differ");
                return EXIT_USAGE;
            }
            out.println(PasswordHasher.hash(new String(a)));
            return 0;
        } finally {
            Arrays.fill(a == null ? new char[0] : a, '\0');
            Arrays.fill(b == null ? new char[0] : b, '\0');
        }
    }

    /** Reads the password from the first line of {@code in}; for scripts and tests. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) throws IOException {
        if (args.length > 0) {
            err.println("usage: scripts/hash-password  (the password on standard input, or asked at a terminal; "
                    + "never as an argument, where ps and the shell history would show it)");
            return EXIT_USAGE;
        }
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            err.println("hash-password: no password on standard input");
            return EXIT_USAGE;
        }
        out.println(PasswordHasher.hash(line));
        return 0;
    }
}
