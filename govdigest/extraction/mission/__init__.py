"""The mission card: leader and its sides, inbound visits, places, agreements and directions."""
