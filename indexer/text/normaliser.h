// Normaliser: ICU text normalisation shared by indexing and querying, so that the same
// words written with different code points (U+2011 "re‑register", full-width digits) meet.
#pragma once

#include <string>
#include <string_view>

#include <unicode/uversion.h>

U_NAMESPACE_BEGIN
class Normalizer2;
U_NAMESPACE_END

namespace kb {

class Normaliser {
  public:
    Normaliser();

    // Text for display and indexing: NFKC, every dash to '-', typographic quotes to ASCII,
    // every space separator to ' ', zero-width and control characters dropped (except
    // '\n' and '\t'), invalid UTF-8 replaced by U+FFFD. Case is kept.
    std::string clean(std::string_view utf8) const;

    // clean() then full Unicode case folding: the form terms are compared in.
    std::string fold(std::string_view utf8) const;

    // The offset of the first byte that is not valid UTF-8, or npos.
    static std::size_t first_invalid_utf8(std::string_view bytes);
    static bool is_valid_utf8(std::string_view bytes);

  private:
    const icu::Normalizer2* nfkc_;
};

}  // namespace kb
