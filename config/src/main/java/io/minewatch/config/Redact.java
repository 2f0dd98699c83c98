package io.minewatch.config;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials in text that is about to be logged, shown or put in an error message.
 *
 * <p>Two nets, both needed:
 * <ul>
 * <li>{@link #url(String)} masks credentials by their shape: the password of {@code scheme://user:pass@host},
 * and the value of every parameter whose name says it is secret ({@code password}, {@code sslpassword},
 * {@code pwd}, {@code secret}, {@code token}, {@code apikey}...; any case) in a query string
 * ({@code ?password=}, {@code &password=}) or a property list ({@code ;password=} as SQL Server and H2
 * write it, {@code {user=u, password=p}} as {@link java.util.Properties} prints).</li>
 * <li>{@link #text(String)} also replaces every secret value the process {@linkplain #remember(String)
 * remembered}: the configuration loader remembers the values of secret keys and the credentials inside
 * every URL it reads, so a driver or library that echoes a secret in a shape the first net does not know
 * (decoded, quoted, cut at a different character) is still masked.</li>
 * </ul>
 * Every message printed at start-up or on failure, and every log line of the server, goes through
 * {@link #text(String)}.
 */
public final class Redact {
    /** The mask that replaces a password. */
    public static final String MASK = "****";

    /**
     * Remembered secrets shorter than this are not scrubbed from free text: replacing every "abc" in
     * every log line would garble the log. They are still masked by {@link #url(String)}'s shapes.
     */
    static final int MIN_REMEMBERED = 4;
    /** A configuration holds a few dozen secrets; the set is bounded all the same. */
    static final int MAX_REMEMBERED = 4096;

    // scheme "://" user ":" password "@" — the password may hold anything but '/' and white space,
    // so "rtsp://host:554/path@x" (a port, no password) is left alone.
    // Greedy to the last '@' before the path: FFmpeg accepts a raw '@' inside the password.
    private static final Pattern USERINFO =
            Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^:@/\\s]*:)([^/\\s]*)@");

    /** A parameter name that says its value is secret; matched case-insensitively anywhere in the name. */
    private static final String SECRET_WORD =
            "(?:pass|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|signature)";
    private static final String NAME_CHAR = "[A-Za-z0-9_.-]";
    /** The whole of a configuration key or parameter name that holds a secret. */
    private static final Pattern SECRET_NAME =
            Pattern.compile(NAME_CHAR + "*" + SECRET_WORD + NAME_CHAR + "*", Pattern.CASE_INSENSITIVE);

    // "?name=value" or "&name=value" of a query string: the value runs to the next '&', '#', white space
    // or quote (';' included: PostgreSQL's driver takes it as part of the password). Punctuation that
    // ends a sentence or a message part ("...?password=x: refused") stays outside, so masking twice
    // gives the same text.
    private static final Pattern QUERY = Pattern.compile(
            "([?&]" + NAME_CHAR + "*" + SECRET_WORD + NAME_CHAR + "*=)([^&#\\s'\"]*?)(?=[:,.;)\\]]*(?:[&#\\s'\"]|$))",
            Pattern.CASE_INSENSITIVE);

    // "name=value" after ';', ',', '{', '(', white space or at the start: JDBC property lists
    // (jdbc:sqlserver://h;password=p, jdbc:h2:file;PASSWORD=p, {user=u, password=p}).
    private static final Pattern PROPERTY = Pattern.compile(
            "((?<![A-Za-z0-9_.?&-])" + NAME_CHAR + "*" + SECRET_WORD + NAME_CHAR + "*\\s*=\\s*)([^;,&)}\\s'\"]*?)"
                    + "(?=[:.]*(?:[;,&)}\\s'\"]|$))",
            Pattern.CASE_INSENSITIVE);

    private static final Set<String> REMEMBERED = ConcurrentHashMap.newKeySet();
    /** The remembered secrets, longest first (so a secret holding a shorter one is masked whole). */
    private static volatile List<String> ordered = List.of();

    private Redact() {
    }

    /**
     * Returns the text with every credential that has a known shape replaced by {@value #MASK}: the
     * password of every {@code scheme://user:pass@host} URL and the value of every secret-named query
     * parameter or property. Text without such a credential is returned unchanged, {@code null} stays
     * {@code null}.
     */
    public static String url(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        if (out.indexOf('@') >= 0) {
            out = USERINFO.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
        }
        if (out.indexOf('=') >= 0) {
            out = QUERY.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
            out = PROPERTY.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        }
        return out;
    }

    /**
     * {@link #url(String)}, after replacing every remembered secret in the text by {@value #MASK}.
     * For any message that may carry a configured value: exception messages of drivers and libraries,
     * start-up failures, log lines.
     */
    public static String text(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : ordered) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return url(out);
    }

    /**
     * Remembers a secret value for {@link #text(String)}, with its URL-encoded and URL-decoded forms.
     * Null, and values shorter than {@value #MIN_REMEMBERED} characters, are ignored.
     */
    public static synchronized void remember(String secret) {
        if (secret == null || secret.length() < MIN_REMEMBERED) {
            return;
        }
        boolean added = add(secret) | add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        try {
            added |= add(URLDecoder.decode(secret, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notEncoded) {
            // A '%' that starts no escape: the value is not URL-encoded, its own form is remembered.
        }
        if (added) {
            List<String> all = new ArrayList<>(REMEMBERED);
            all.sort(Comparator.comparingInt(String::length).reversed());
            ordered = List.copyOf(all);
        }
    }

    /**
     * Remembers every credential {@link #url(String)} would mask in the text (URL passwords, secret
     * parameter values), so that {@link #text(String)} masks them in any other shape too.
     */
    public static void rememberCredentials(String text) {
        credentials(text).forEach(Redact::remember);
    }

    /** True when a configuration key or parameter name says its value is secret (password, secret, token...). */
    public static boolean secretName(String name) {
        return name != null && SECRET_NAME.matcher(name).matches();
    }

    /** The credentials {@link #url(String)} masks in the text, in no particular order. */
    static List<String> credentials(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (Pattern p : new Pattern[] {USERINFO, QUERY, PROPERTY}) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                if (!m.group(2).isEmpty()) {
                    out.add(m.group(2));
                }
            }
        }
        return out;
    }

    private static boolean add(String secret) {
        if (secret.length() < MIN_REMEMBERED || REMEMBERED.size() >= MAX_REMEMBERED) {
            return false;
        }
        return REMEMBERED.add(secret);
    }
}
