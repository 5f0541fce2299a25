package dev.shoplink.host.sync;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** A name for this host process that is unique among the hosts sharing one database, readable in logs. */
final class HostIdentity {
    private HostIdentity() {
    }

    static String next() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = "host";
        }
        String id = name + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() <= 200 ? id : id.substring(id.length() - 200);
    }
}
