#include "indexer/text/normaliser.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "indexer/text/errors.h"

namespace kb {

namespace {

// Maps one code point to its plain form, or -1 to drop it.
UChar32 plain_code_point(UChar32 c) {
    switch (c) {
        case 0x2018:
        case 0x2019:
        case 0x201A:
        case 0x201B:
        case 0x2032:
        case 0x00B4:
            return '\'';
        case 0x201C:
        case 0x201D:
        case 0x201E:
        case 0x201F:
        case 0x2033:
            return '"';
        case 0x2212:  // minus sign reads as a hyphen in "6−digit"
            return '-';
        case '\n':
        case '\t':
            return c;
        case 0x200B:
        case 0x200C:
        case 0x200D:
        case 0x2060:
        case 0xFEFF:
        case 0x00AD:
            return -1;
        default:
            break;
    }
    const int8_t type = u_charType(c);
    if (type == U_DASH_PUNCTUATION) return '-';
    if (type == U_SPACE_SEPARATOR) return ' ';
    if (type == U_CONTROL_CHAR || type == U_FORMAT_CHAR) return c == '\r' ? -1 : ' ';
    return c;
}

}  // namespace

Normaliser::Normaliser() {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_ = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) throw Error(std::string("ICU NFKC unavailable: ") + u_errorName(status));
}

std::string Normaliser::clean(std::string_view utf8) const {
    // fromUTF8 replaces ill-formed sequences with U+FFFD, so the output is always valid UTF-8.
    const icu::UnicodeString source =
        icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString composed = nfkc_->normalize(source, status);
    if (U_FAILURE(status)) throw Error(std::string("ICU normalisation failed: ") + u_errorName(status));

    icu::UnicodeString plain;
    for (int32_t i = 0; i < composed.length();) {
        const UChar32 c = composed.char32At(i);
        i += U16_LENGTH(c);
        const UChar32 mapped = plain_code_point(c);
        if (mapped >= 0) plain.append(mapped);
    }
    std::string out;
    plain.toUTF8String(out);
    return out;
}

std::string Normaliser::fold(std::string_view utf8) const {
    const std::string cleaned = clean(utf8);
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(cleaned);
    text.foldCase();
    // Folding can denormalise (e.g. U+0130); a second NFKC pass keeps terms canonical.
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString folded = nfkc_->normalize(text, status);
    if (U_FAILURE(status)) throw Error(std::string("ICU normalisation failed: ") + u_errorName(status));
    std::string out;
    folded.toUTF8String(out);
    return out;
}

std::size_t Normaliser::first_invalid_utf8(std::string_view bytes) {
    const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
    const int32_t length = static_cast<int32_t>(bytes.size());
    for (int32_t i = 0; i < length;) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) return static_cast<std::size_t>(start);
    }
    return std::string_view::npos;
}

bool Normaliser::is_valid_utf8(std::string_view bytes) { return first_invalid_utf8(bytes) == std::string_view::npos; }

}  // namespace kb
