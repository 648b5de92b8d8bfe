package org.loyaltyrules.rules.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * What one compiled class refers to, read from its constant pool: the classes (including its superclass, its
 * interfaces, {@code new}, casts and class literals) and the fields and methods it uses, with their owner. A method
 * handle, a lambda's target or an invokedynamic bootstrap method always points at one of these method references, so
 * nothing a class can call is missing; and the methods it declares, as name and descriptor ({@code finalize()V}).
 * Java 17 class files; no library, no class loading. Names are internal names
 * ({@code java/lang/System}).
 */
record ClassReferences(String name, List<String> interfaces, List<String> classes, List<Member> members,
                       List<StaticField> staticFields, List<String> methods) {

    /** A field or method reference: {@code owner} is an internal name ({@code java/lang/System}). */
    record Member(String owner, String name, String descriptor) {
    }

    /**
     * A static field the class declares, other than the synthetic ones compilers add ({@code $VALUES},
     * {@code $assertionsDisabled}, switch maps): {@code constant} when it is final with a compile-time constant value
     * (a {@code ConstantValue} attribute, which only primitives and Strings have).
     */
    record StaticField(String name, String descriptor, boolean constant) {
    }

    ClassReferences {
        interfaces = List.copyOf(interfaces);
        classes = List.copyOf(classes);
        members = List.copyOf(members);
        staticFields = List.copyOf(staticFields);
        methods = List.copyOf(methods);
    }

    private static final int ACC_STATIC = 0x0008;
    private static final int ACC_FINAL = 0x0010;
    private static final int ACC_SYNTHETIC = 0x1000;

    private static final int UTF8 = 1;
    private static final int INTEGER = 3;
    private static final int FLOAT = 4;
    private static final int LONG = 5;
    private static final int DOUBLE = 6;
    private static final int CLASS = 7;
    private static final int STRING = 8;
    private static final int FIELD = 9;
    private static final int METHOD = 10;
    private static final int INTERFACE_METHOD = 11;
    private static final int NAME_AND_TYPE = 12;
    private static final int METHOD_HANDLE = 15;
    private static final int METHOD_TYPE = 16;
    private static final int DYNAMIC = 17;
    private static final int INVOKE_DYNAMIC = 18;
    private static final int MODULE = 19;
    private static final int PACKAGE = 20;

    /** Reads {@code bytes}; throws IAE when they are not a class file this reader knows. */
    static ClassReferences read(byte[] bytes) {
        Reader in = new Reader(bytes);
        if (in.u4() != 0xCAFEBABE) {
            throw new IllegalArgumentException("not a class file (bad magic number)");
        }
        in.u2(); // minor
        in.u2(); // major
        int count = in.u2();
        int[] tags = new int[count];
        int[] first = new int[count];
        int[] second = new int[count];
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.u1();
            tags[i] = tag;
            switch (tag) {
                case UTF8:
                    utf8[i] = in.utf8();
                    break;
                case CLASS: case STRING: case METHOD_TYPE: case MODULE: case PACKAGE:
                    first[i] = in.u2();
                    break;
                case FIELD: case METHOD: case INTERFACE_METHOD: case NAME_AND_TYPE: case DYNAMIC: case INVOKE_DYNAMIC:
                    first[i] = in.u2();
                    second[i] = in.u2();
                    break;
                case METHOD_HANDLE:
                    first[i] = in.u1();
                    second[i] = in.u2();
                    break;
                case INTEGER: case FLOAT:
                    in.skip(4);
                    break;
                case LONG: case DOUBLE:
                    in.skip(8);
                    i++; // takes two slots
                    break;
                default:
                    throw new IllegalArgumentException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        in.u2(); // access flags
        String name = utf8[first[in.u2()]];
        in.u2(); // superclass: a class entry, listed below
        List<String> interfaces = new ArrayList<>();
        for (int n = in.u2(); n > 0; n--) {
            interfaces.add(utf8[first[in.u2()]]);
        }
        List<StaticField> staticFields = new ArrayList<>();
        for (int n = in.u2(); n > 0; n--) {
            int access = in.u2();
            String field = utf8[in.u2()];
            String descriptor = utf8[in.u2()];
            boolean constantValue = false;
            for (int a = in.u2(); a > 0; a--) {
                constantValue |= "ConstantValue".equals(utf8[in.u2()]);
                in.skip(in.u4());
            }
            if ((access & ACC_STATIC) != 0 && (access & ACC_SYNTHETIC) == 0) {
                staticFields.add(new StaticField(field, descriptor, (access & ACC_FINAL) != 0 && constantValue));
            }
        }
        List<String> methods = new ArrayList<>();
        for (int n = in.u2(); n > 0; n--) {
            in.u2(); // access flags
            String method = utf8[in.u2()];
            methods.add(method + utf8[in.u2()]);
            for (int a = in.u2(); a > 0; a--) {
                in.u2();
                in.skip(in.u4());
            }
        }
        List<String> classes = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tags[i] == CLASS) {
                classes.add(utf8[first[i]]);
            } else if (tags[i] == FIELD || tags[i] == METHOD || tags[i] == INTERFACE_METHOD) {
                int nameAndType = second[i];
                members.add(new Member(utf8[first[first[i]]], utf8[first[nameAndType]], utf8[second[nameAndType]]));
            }
        }
        return new ClassReferences(name, interfaces, classes, members, staticFields, methods);
    }

    private static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int u1() {
            if (at >= bytes.length) {
                throw new IllegalArgumentException("class file ends early, at byte " + at);
            }
            return bytes[at++] & 0xFF;
        }

        int u2() {
            return (u1() << 8) | u1();
        }

        int u4() {
            return (u2() << 16) | u2();
        }

        void skip(int n) {
            at += n;
        }

        /** Modified UTF-8, as class files store names. */
        String utf8() {
            int length = u2();
            StringBuilder out = new StringBuilder(length);
            int end = at + length;
            while (at < end) {
                int a = u1();
                if (a < 0x80) {
                    out.append((char) a);
                } else if ((a & 0xE0) == 0xC0) {
                    out.append((char) (((a & 0x1F) << 6) | (u1() & 0x3F)));
                } else {
                    int b = u1();
                    out.append((char) (((a & 0x0F) << 12) | ((b & 0x3F) << 6) | (u1() & 0x3F)));
                }
            }
            return out.toString();
        }
    }
}
