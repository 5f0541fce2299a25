package dev.shoplink.api;

/**
 * A postal address. Absent values are empty strings.
 *
 * @param street street lines joined with ", "
 * @param city city
 * @param state state or province code
 * @param postalCode postal code
 * @param country ISO 3166-1 alpha-2 country code
 * @param phone phone number
 */
public record Address(String street, String city, String state, String postalCode, String country, String phone) {
    public Address {
        street = street == null ? "" : street;
        city = city == null ? "" : city;
        state = state == null ? "" : state;
        postalCode = postalCode == null ? "" : postalCode;
        country = country == null ? "" : country;
        phone = phone == null ? "" : phone;
    }

    /** An address with nothing known. */
    public static Address unknown() {
        return new Address("", "", "", "", "", "");
    }
}
