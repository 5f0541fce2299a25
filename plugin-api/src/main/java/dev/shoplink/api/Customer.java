package dev.shoplink.api;

import java.util.Objects;

/**
 * The customer of an order and the address it ships to. Absent values are empty strings.
 *
 * @param name the ship-to name
 * @param email the customer's e-mail
 * @param address the ship-to address
 */
public record Customer(String name, String email, Address address) {
    public Customer {
        name = name == null ? "" : name;
        email = email == null ? "" : email;
        Objects.requireNonNull(address, "address");
    }
}
