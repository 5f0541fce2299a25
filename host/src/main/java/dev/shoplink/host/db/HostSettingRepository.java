package dev.shoplink.host.db;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL of {@code host_setting} (name → value rows of the host itself, e.g. the credential key check), its one writer. */
public final class HostSettingRepository {
    public Optional<String> find(Handle h, String name) {
        return h.createQuery("select setting_value from host_setting where setting_name = :n")
                .bind("n", name).mapTo(String.class).findOne();
    }

    /** The value, its row locked until the transaction ends. */
    public String lock(Handle h, String name) {
        return h.createQuery("select setting_value from host_setting where setting_name = :n for update")
                .bind("n", name).mapTo(String.class).one();
    }

    public void insert(Handle h, String name, String value) {
        h.createUpdate("insert into host_setting (setting_name, setting_value) values (:n, :v)")
                .bind("n", name).bind("v", value).execute();
    }

    public void update(Handle h, String name, String value) {
        h.createUpdate("update host_setting set setting_value = :v where setting_name = :n")
                .bind("v", value).bind("n", name).execute();
    }
}
