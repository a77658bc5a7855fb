package io.tfsync;

public final class Main {
    public static void main(String[] args) {}
}
