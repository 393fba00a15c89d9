// PostalAddresses: finds postal addresses in free text, street line through postcode and town,
// for the PII pass: a street line found by pattern ("14 Hollybush Lane", "Bahnhofstraße 27",
// "Calle de Toledo 87") grown over the comma-separated parts around it that read as address parts.
#pragma once

#include <string>

namespace kb {

// Replaces each address in `text` with "[address]".
void replace_postal_addresses(std::string& text);

}  // namespace kb
