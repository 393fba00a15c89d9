// PiiMatchChecks: whether a pattern's match is really personal data where it stands. The
// scrubber's patterns find the shapes; these read the neighbours, the paragraph's cue words and
// the check digits, so a build number, a version or a network is left alone.
#pragma once

#include <cstddef>
#include <string_view>

namespace kb::pii_match_checks {

// Checks of a match text[start, end) in its context.
bool looks_like_phone(std::string_view text, std::size_t start, std::size_t end);
bool looks_like_card(std::string_view text, std::size_t start, std::size_t end);
bool looks_like_iban(std::string_view text, std::size_t start, std::size_t end);
bool looks_like_national_id(std::string_view text, std::size_t start, std::size_t end);
bool national_id_in_context(std::string_view text, std::size_t start, std::size_t end);
bool looks_like_reference(std::string_view text, std::size_t start, std::size_t end);
bool passport_in_context(std::string_view text, std::size_t start, std::size_t end);
bool looks_like_ipv4(std::string_view text, std::size_t start, std::size_t end);
bool looks_like_obfuscated_email(std::string_view text, std::size_t start, std::size_t end);
bool looks_like_product_key(std::string_view text, std::size_t start, std::size_t end);
bool looks_like_mention_with_name(std::string_view text, std::size_t start, std::size_t end);
bool always(std::string_view text, std::size_t start, std::size_t end);

// Checks of the value a cue word introduced ("my cell 555-0142", "order 12345").
bool cued_phone(std::string_view token);
bool cued_identifier(std::string_view token);
bool cued_reference(std::string_view token);
bool cued_key(std::string_view token);
bool lettered_reference(std::string_view token);
bool cued_passport(std::string_view token);

}  // namespace kb::pii_match_checks
