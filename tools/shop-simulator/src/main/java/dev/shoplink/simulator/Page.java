package dev.shoplink.simulator;

import java.util.List;

/** One page of pre-serialized records plus the envelope numbers ShipStation sends with it. */
record Page(List<byte[]> items, int total, int page, int pages) {

    byte[] envelope(String itemsName) {
        return ShipStationJson.envelope(itemsName, items, total, page, pages);
    }
}
