package dev.shoplink.simulator;

import java.util.List;

/**
 * The words a coffee roaster's shop is made of. Fixed lists, so a seed always yields the same shop.
 * A few entries carry accents on purpose: real shops have them and connectors must keep them intact.
 */
final class Vocabulary {

    private Vocabulary() {
    }

    /** One coffee the roaster sells, before it is split into bag sizes and grinds. */
    record Coffee(String name, String code) {
    }

    record BagSize(String label, String code, int grams) {
    }

    record Grind(String label, String code) {
    }

    record City(String city, String state, String postalCode, String country) {
    }

    static final List<BagSize> BAG_SIZES = List.of(
            new BagSize("250 g", "250", 250),
            new BagSize("340 g", "340", 340),
            new BagSize("1 kg", "1000", 1000),
            new BagSize("2.5 kg", "2500", 2500),
            new BagSize("5 lb", "5LB", 2268));

    static final List<Grind> GRINDS = List.of(
            new Grind("Whole bean", "WB"),
            new Grind("Espresso", "ESP"),
            new Grind("Filter", "FIL"),
            new Grind("French press", "FP"));

    static final int VARIANTS_PER_COFFEE = BAG_SIZES.size() * GRINDS.size();

    /** Single origins (ISO 3166 alpha-3 country code + region) and the house blends. */
    static final List<Coffee> BASE_COFFEES = List.of(
            new Coffee("Ethiopia Guji", "ETH-GUJI"),
            new Coffee("Kenya Nyeri", "KEN-NYER"),
            new Coffee("Colombia Huila", "COL-HUIL"),
            new Coffee("Brazil Cerrado Mineiro", "BRA-CERR"),
            new Coffee("Guatemala Huehuetenango", "GTM-HUEH"),
            new Coffee("Costa Rica Tarrazú", "CRI-TARR"),
            new Coffee("House Blend", "BLD-HOUS"),
            new Coffee("Ethiopia Yirgacheffe", "ETH-YIRG"),
            new Coffee("Rwanda Nyamasheke", "RWA-NYAM"),
            new Coffee("Colombia Nariño", "COL-NARI"),
            new Coffee("Honduras Marcala", "HND-MARC"),
            new Coffee("El Salvador Santa Ana", "SLV-SANA"),
            new Coffee("Espresso Blend", "BLD-ESPR"),
            new Coffee("Peru Cajamarca", "PER-CAJA"),
            new Coffee("Burundi Kayanza", "BDI-KAYA"),
            new Coffee("Indonesia Sumatra Gayo", "IDN-GAYO"),
            new Coffee("Panama Boquete", "PAN-BOQU"),
            new Coffee("Mexico Chiapas", "MEX-CHIA"),
            new Coffee("Nicaragua Jinotega", "NIC-JINO"),
            new Coffee("Ethiopia Sidama", "ETH-SIDA"),
            new Coffee("Kenya Kirinyaga", "KEN-KIRI"),
            new Coffee("Brazil Mogiana", "BRA-MOGI"),
            new Coffee("Morning Blend", "BLD-MORN"),
            new Coffee("Guatemala Antigua", "GTM-ANTI"),
            new Coffee("Papua New Guinea Western Highlands", "PNG-WHIG"),
            new Coffee("Yemen Haraz", "YEM-HARA"),
            new Coffee("Tanzania Mbeya", "TZA-MBEY"),
            new Coffee("Uganda Mount Elgon", "UGA-ELGO"),
            new Coffee("India Chikmagalur", "IND-CHIK"),
            new Coffee("Bolivia Caranavi", "BOL-CARA"),
            new Coffee("Ecuador Loja", "ECU-LOJA"),
            new Coffee("Decaf Colombia", "DCF-COLO"),
            new Coffee("Ethiopia Limu", "ETH-LIMU"),
            new Coffee("Kenya Embu", "KEN-EMBU"),
            new Coffee("Costa Rica West Valley", "CRI-WVAL"),
            new Coffee("Guatemala Atitlán", "GTM-ATIT"),
            new Coffee("Honduras Santa Bárbara", "HND-SBAR"),
            new Coffee("Holiday Blend", "BLD-HOLI"),
            new Coffee("Rwanda Huye", "RWA-HUYE"),
            new Coffee("Burundi Ngozi", "BDI-NGOZ"),
            new Coffee("Peru Cusco", "PER-CUSC"),
            new Coffee("Mexico Oaxaca", "MEX-OAXA"),
            new Coffee("Nicaragua Nueva Segovia", "NIC-NSEG"),
            new Coffee("El Salvador Chalatenango", "SLV-CHAL"),
            new Coffee("Panama Volcán", "PAN-VOLC"),
            new Coffee("Indonesia Java Ijen", "IDN-IJEN"),
            new Coffee("Brazil Sul de Minas", "BRA-SULM"),
            new Coffee("Decaf Espresso", "DCF-ESPR"),
            new Coffee("Tanzania Kilimanjaro", "TZA-KILI"),
            new Coffee("Ethiopia Harrar", "ETH-HARR"),
            new Coffee("Kenya Kiambu", "KEN-KIAM"),
            new Coffee("Colombia Tolima", "COL-TOLI"),
            new Coffee("Colombia Cauca", "COL-CAUC"),
            new Coffee("Brazil Chapada Diamantina", "BRA-CHAP"),
            new Coffee("Dark Roast Blend", "BLD-DARK"));

    /** Later lots of a base coffee: process name and the letter used in the SKU. */
    static final List<String[]> PROCESSES = List.of(
            new String[] {"Washed", "W"},
            new String[] {"Natural", "N"},
            new String[] {"Honey", "H"},
            new String[] {"Anaerobic", "A"});

    static final List<String> FIRST_NAMES = List.of(
            "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "Lucas",
            "Mia", "Mateo", "Amelia", "Benjamin", "Harper", "José", "Zoë", "Henry", "Evelyn", "Daniel",
            "Chloé", "Jack", "Grace", "Samuel", "Nora", "Owen", "Aaliyah", "Wyatt", "Priya", "Hiroshi",
            "Fatima", "Jonas", "Ingrid", "Kwame", "Leilani", "Tomás", "Anaïs", "Ravi", "Sofía", "Erik");

    static final List<String> LAST_NAMES = List.of(
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
            "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
            "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Nguyen", "Müller", "O'Brien",
            "Kowalski", "Yamamoto", "Okafor", "Silva", "Andersson", "Dubois", "Rossi", "Kim", "Patel",
            "Schmidt", "Cohen", "Novak");

    static final List<String> STREETS = List.of(
            "Main St", "Oak Ave", "Pine St", "Maple Dr", "Cedar Ln", "Elm St", "Washington Ave", "Lake Rd",
            "Hill St", "Park Ave", "2nd St", "3rd Ave", "Sunset Blvd", "River Rd", "Mission St", "Broadway",
            "Alder Way", "Harbor Dr", "Orchard Ct", "Valencia St");

    static final List<City> US_CITIES = List.of(
            new City("Portland", "OR", "97205", "US"),
            new City("Seattle", "WA", "98101", "US"),
            new City("San Francisco", "CA", "94110", "US"),
            new City("Los Angeles", "CA", "90012", "US"),
            new City("Oakland", "CA", "94612", "US"),
            new City("Denver", "CO", "80202", "US"),
            new City("Austin", "TX", "78701", "US"),
            new City("Chicago", "IL", "60607", "US"),
            new City("Minneapolis", "MN", "55401", "US"),
            new City("Brooklyn", "NY", "11211", "US"),
            new City("Boston", "MA", "02116", "US"),
            new City("Philadelphia", "PA", "19106", "US"),
            new City("Atlanta", "GA", "30303", "US"),
            new City("Nashville", "TN", "37203", "US"),
            new City("Asheville", "NC", "28801", "US"),
            new City("Madison", "WI", "53703", "US"),
            new City("Boulder", "CO", "80302", "US"),
            new City("Santa Fe", "NM", "87501", "US"),
            new City("Salt Lake City", "UT", "84101", "US"),
            new City("Burlington", "VT", "05401", "US"),
            new City("Honolulu", "HI", "96813", "US"),
            new City("Anchorage", "AK", "99501", "US"));

    static final List<City> FOREIGN_CITIES = List.of(
            new City("Toronto", "ON", "M5V 2T6", "CA"),
            new City("Vancouver", "BC", "V6B 1A1", "CA"),
            new City("Montréal", "QC", "H2X 1Y4", "CA"),
            new City("London", null, "EC1V 9HX", "GB"),
            new City("Berlin", null, "10115", "DE"));

    static final List<String> SHIPPING_SERVICES = List.of(
            "USPS Priority Mail", "USPS Ground Advantage", "UPS® Ground", "Free Shipping", "Standard Shipping");

    static final List<String> CUSTOMER_NOTES = List.of(
            "Please leave at the back door.", "Gift for my dad — no invoice in the box, please.",
            "Ring the bell twice.", "Can you grind it a little finer than usual?",
            "Leave with the front desk if nobody answers.");

    static final List<String> GIFT_MESSAGES = List.of(
            "Happy birthday! ☕", "Thanks for everything.", "Enjoy your new grinder's first bag!",
            "Congratulations on the new place!");

    /** The store's tags, also returned by {@code GET /accounts/listtags}. */
    record Tag(long tagId, String name, String color) {
    }

    static final List<Tag> TAGS = List.of(
            new Tag(24811, "Wholesale", "#2E7D32"),
            new Tag(24812, "Subscription", "#1565C0"),
            new Tag(24813, "Gift", "#AD1457"),
            new Tag(24814, "Rush", "#EF6C00"));
}
