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
// "@jdoe", not the domain of an address kept whole.
bool looks_like_mention(std::string_view text, std::size_t start, std::size_t end);
bool looks_like_mention_with_name(std::string_view text, std::size_t start, std::size_t end);
// A GUID that may point at someone (a sign-in's trace id, a user's object id, a tenant), not a
// well-known service's id: a Microsoft first-party application, a mostly-zero resource id, or one
// an error message names as a product's ("'1fec8e78-...'(Microsoft Teams)").
bool looks_like_personal_guid(std::string_view text, std::size_t start, std::size_t end);
// An address that can reach someone: not one the forum already masked ("******@yourcompany.com",
// "t*****@outlook.com") nor a documentation example ("user@contoso.com", "someone@example.com").
bool looks_like_personal_email(std::string_view text, std::size_t start, std::size_t end);
bool always(std::string_view text, std::size_t start, std::size_t end);

// Checks of the value a cue word introduced ("my cell 555-0142", "order 12345").
bool cued_phone(std::string_view token);
// The same, unless the line gives it as an institution's ("... Services Tel: 44355737").
bool cued_phone_in_context(std::string_view text, std::size_t start, std::size_t end);
bool cued_identifier(std::string_view token);
bool cued_reference(std::string_view token);
bool cued_key(std::string_view token);
bool lettered_reference(std::string_view token);
bool cued_passport(std::string_view token);

}  // namespace kb::pii_match_checks
