// PiiScrubber: removes personal data before anything is indexed, stored or logged: redaction
// markers with their labels, e-mail addresses in any disguise, phone numbers, postal addresses,
// payment cards, IBANs, national ids, passports, product keys, order and case numbers, IP
// addresses, and the names it is given (display names and those NameFinder finds in the text).
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kb {

class PiiScrubber {
  public:
    // `known_names` are the display names on the page (asker, answer authors): they are
    // removed wherever they appear, whole or by their capitalised parts.
    // With NameParts::Off only whole names go (a forum's every poster, where removing every
    // "Frank" or "Christian" would take words from the text).
    enum class NameParts { On, Off };
    explicit PiiScrubber(std::vector<std::string> known_names = {}, NameParts parts = NameParts::On);
    ~PiiScrubber();
    PiiScrubber(PiiScrubber&&) noexcept;
    PiiScrubber& operator=(PiiScrubber&&) noexcept;

    // Text with PII replaced by placeholders that say what was there ("[email]", "[phone]",
    // "[name]", "[address]", "[national id]", "[order number]"... placeholders() lists them),
    // greeting lines ("Dear @Name,") and redaction markers dropped. Input must be valid UTF-8.
    std::string scrub(std::string_view text) const;

    // Only the names pass of scrub(): the given names replaced by "[name]".
    std::string remove_names(std::string_view text) const;

    // The placeholders scrub() writes; the index writer keeps them out of the term list.
    static std::span<const std::string_view> placeholders();

  private:
    struct Patterns;
    std::unique_ptr<Patterns> patterns_;
};

}  // namespace kb
