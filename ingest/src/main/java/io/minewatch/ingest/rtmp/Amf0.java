package io.minewatch.ingest.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AMF0, the encoding of RTMP commands: numbers (Double), booleans, strings (String), objects and ECMA
 * arrays (Map), strict arrays (List), dates (Double, ms), null and undefined (null). Reading is bounded:
 * at most {@value #MAX_DEPTH} levels of nesting and {@value #MAX_VALUES} values a message; anything
 * malformed, truncated or of another type (AMF3 switch, references, XML) is a
 * {@link CorruptedFrameException} naming what was wrong.
 */
final class Amf0 {
    static final int MAX_DEPTH = 8;
    static final int MAX_VALUES = 1024;

    private static final int NUMBER = 0;
    private static final int BOOLEAN = 1;
    private static final int STRING = 2;
    private static final int OBJECT = 3;
    private static final int NULL = 5;
    private static final int UNDEFINED = 6;
    private static final int ECMA_ARRAY = 8;
    private static final int OBJECT_END = 9;
    private static final int STRICT_ARRAY = 10;
    private static final int DATE = 11;
    private static final int LONG_STRING = 12;

    private final ByteBuf in;
    private int values;

    private Amf0(ByteBuf in) {
        this.in = in;
    }

    /** Every value in the buffer's readable bytes (the buffer's reader index moves past them). */
    static List<Object> readAll(ByteBuf in) {
        Amf0 r = new Amf0(in);
        List<Object> out = new ArrayList<>();
        while (in.isReadable()) {
            out.add(r.value(0));
        }
        return out;
    }

    private Object value(int depth) {
        if (++values > MAX_VALUES) {
            throw new CorruptedFrameException("AMF0: more than " + MAX_VALUES + " values");
        }
        if (depth > MAX_DEPTH) {
            throw new CorruptedFrameException("AMF0: nested deeper than " + MAX_DEPTH);
        }
        int marker = u8();
        return switch (marker) {
            case NUMBER -> number();
            case BOOLEAN -> u8() != 0;
            case STRING -> string(u16());
            case OBJECT -> properties(new LinkedHashMap<>(), depth);
            case NULL, UNDEFINED -> null;
            case ECMA_ARRAY -> {
                need(4);
                in.skipBytes(4);
                yield properties(new LinkedHashMap<>(), depth);
            }
            case STRICT_ARRAY -> {
                long n = u32();
                if (n > MAX_VALUES) {
                    throw new CorruptedFrameException("AMF0: strict array of " + n + " values");
                }
                List<Object> list = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    list.add(value(depth + 1));
                }
                yield list;
            }
            case DATE -> {
                double ms = number();
                need(2);
                in.skipBytes(2);
                yield ms;
            }
            case LONG_STRING -> {
                long n = u32();
                if (n > in.readableBytes()) {
                    throw new CorruptedFrameException("AMF0: long string of " + n + " bytes, "
                            + in.readableBytes() + " left");
                }
                yield string((int) n);
            }
            default -> throw new CorruptedFrameException("AMF0: unsupported type marker " + marker);
        };
    }

    private Map<String, Object> properties(Map<String, Object> map, int depth) {
        while (true) {
            int n = u16();
            if (n == 0) {
                if (u8() != OBJECT_END) {
                    throw new CorruptedFrameException("AMF0: empty property name without object end");
                }
                return map;
            }
            String key = string(n);
            map.put(key, value(depth + 1));
        }
    }

    private double number() {
        need(8);
        return in.readDouble();
    }

    private int u8() {
        need(1);
        return in.readUnsignedByte();
    }

    private int u16() {
        need(2);
        return in.readUnsignedShort();
    }

    private long u32() {
        need(4);
        return in.readUnsignedInt();
    }

    private String string(int n) {
        need(n);
        String s = in.toString(in.readerIndex(), n, StandardCharsets.UTF_8);
        in.skipBytes(n);
        return s;
    }

    private void need(int n) {
        if (in.readableBytes() < n) {
            throw new CorruptedFrameException("AMF0: truncated (" + n + " bytes needed, " + in.readableBytes()
                    + " left)");
        }
    }

    /** Writes values: Number, Boolean, String, Map (as an object), null. */
    static void write(ByteBuf out, Object... values) {
        for (Object v : values) {
            writeValue(out, v);
        }
    }

    private static void writeValue(ByteBuf out, Object v) {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof Number n) {
            out.writeByte(NUMBER).writeDouble(n.doubleValue());
        } else if (v instanceof Boolean b) {
            out.writeByte(BOOLEAN).writeByte(b ? 1 : 0);
        } else if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeByte(STRING).writeShort(b.length).writeBytes(b);
        } else if (v instanceof Map<?, ?> m) {
            out.writeByte(OBJECT);
            for (Map.Entry<?, ?> e : m.entrySet()) {
                byte[] k = e.getKey().toString().getBytes(StandardCharsets.UTF_8);
                out.writeShort(k.length).writeBytes(k);
                writeValue(out, e.getValue());
            }
            out.writeShort(0).writeByte(OBJECT_END);
        } else {
            throw new IllegalArgumentException("no AMF0 form for " + v.getClass().getSimpleName());
        }
    }
}
