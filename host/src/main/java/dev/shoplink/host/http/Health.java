package dev.shoplink.host.http;

/** {@code /health/live} and {@code /health/ready}: whether the host is up, or still starting. */
public record Health(Status status) {
    public enum Status { UP, STARTING }

    static final Health UP = new Health(Status.UP);
    static final Health STARTING = new Health(Status.STARTING);
}
