#include "bench/error_code_pool.h"

#include <array>
#include <set>

#include "indexer/text/text_helpers.h"

namespace kb::bench {

namespace {

// Real NTSTATUS names (the STATUS_ shape is letters and underscores only).
constexpr std::array<std::string_view, 30> kStatusNames{"STATUS_ACCESS_VIOLATION",
                                                        "STATUS_STACK_BUFFER_OVERRUN",
                                                        "STATUS_BREAKPOINT",
                                                        "STATUS_INVALID_IMAGE_HASH",
                                                        "STATUS_HEAP_CORRUPTION",
                                                        "STATUS_IN_PAGE_ERROR",
                                                        "STATUS_DLL_NOT_FOUND",
                                                        "STATUS_INVALID_PARAMETER",
                                                        "STATUS_ACCESS_DENIED",
                                                        "STATUS_NO_MEMORY",
                                                        "STATUS_ILLEGAL_INSTRUCTION",
                                                        "STATUS_INTEGER_DIVIDE_BY_ZERO",
                                                        "STATUS_STACK_OVERFLOW",
                                                        "STATUS_DEVICE_NOT_READY",
                                                        "STATUS_INVALID_HANDLE",
                                                        "STATUS_OBJECT_NAME_NOT_FOUND",
                                                        "STATUS_SHARING_VIOLATION",
                                                        "STATUS_DISK_FULL",
                                                        "STATUS_TIMEOUT",
                                                        "STATUS_LOGON_FAILURE",
                                                        "STATUS_ACCOUNT_LOCKED_OUT",
                                                        "STATUS_PASSWORD_EXPIRED",
                                                        "STATUS_INVALID_IMAGE_FORMAT",
                                                        "STATUS_ENTRYPOINT_NOT_FOUND",
                                                        "STATUS_ORDINAL_NOT_FOUND",
                                                        "STATUS_DLL_INIT_FAILED",
                                                        "STATUS_FATAL_APP_EXIT",
                                                        "STATUS_CONTROL_C_EXIT",
                                                        "STATUS_FLOAT_DIVIDE_BY_ZERO",
                                                        "STATUS_GUARD_PAGE_VIOLATION"};

// HRESULT facilities seen in support threads: Win32 (8007), COM/OLE (8004), servicing (800F),
// Windows Update (8024), activation (C004), Outlook/MAPI (8004/800C), Intune (87D1).
constexpr std::array<std::string_view, 7> kHresultHeads{"8007", "8004", "800F", "8024", "C004", "800C", "87D1"};
constexpr std::array<char, 5> kCaaFamilies{'2', '5', '7', '8', '9'};

// Our own phrasing; {} is replaced by the code.
constexpr std::array<std::string_view, 3> kAadstsSentences{"Sign-in fails with {}.", "Error Code: {}",
                                                           "I keep getting {} when I try to sign in."};
constexpr std::array<std::string_view, 3> kHresultSentences{"It fails with error {}.", "Error code {} is shown.",
                                                            "I get error {} on each try."};
constexpr std::array<std::string_view, 2> kStatusSentences{"It crashes with {}.", "Event Viewer shows {}."};
constexpr std::array<std::string_view, 2> kCaaSentences{"It shows error code {}.", "Sign-in stops with {}."};
constexpr std::array<std::string_view, 2> kNumberSentences{"Error Code: {}", "It says error {}, then stops."};

std::string fill(std::string_view pattern, std::string_view code) {
    std::string out(pattern);
    const auto at = out.find("{}");
    return out.replace(at, 2, code);
}

char digit(Prng& prng) { return static_cast<char>('0' + prng.below(10)); }
char hex_digit(Prng& prng) {
    // Mostly decimal digits, as in the codes people post.
    static constexpr std::string_view kHex = "ABCDEF";
    return prng.chance(750) ? digit(prng) : kHex[prng.index(kHex.size())];
}

// kbsearch reads a bare 8-hex word as an HRESULT only with a failure-facility head and 3+ digits.
bool bare_form_is_recognised(std::string_view hex8) {
    const std::string head = ascii_lower(hex8.substr(0, 2));
    if (head != "80" && head != "c0" && head != "c1" && head != "ca" && head != "87") return false;
    int digits = 0;
    for (char c : hex8) digits += is_ascii_digit(c) ? 1 : 0;
    return digits >= 3;
}

template <std::size_t N>
std::string_view one_of(const std::array<std::string_view, N>& options, Prng& prng) {
    return options[prng.index(N)];
}

}  // namespace

ErrorCodePool::ErrorCodePool(std::uint64_t seed) {
    Prng prng(seed ^ 0xC0DE'C0DE'C0DE'C0DEull);
    std::set<std::string> seen;
    auto add = [&](CodeShape shape, std::string canonical) {
        if (seen.insert(ascii_lower(canonical)).second) codes_.push_back({shape, std::move(canonical)});
    };
    for (std::string_view name : kStatusNames) add(CodeShape::Status, std::string(name));
    while (codes_.size() < 30 + 80) {
        // AADSTS numbers: 50xxx, 500xxx, 700xxx and 90xxx families.
        static constexpr std::array<long, 4> kBase{50000, 500000, 700000, 90000};
        static constexpr std::array<long, 4> kSpan{4000, 1000, 100, 200};
        const std::size_t f = prng.index(kBase.size());
        add(CodeShape::Aadsts, "AADSTS" + std::to_string(kBase[f] + prng.between(0L, kSpan[f] - 1)));
    }
    while (codes_.size() < 110 + 110) {
        std::string hex(kHresultHeads[prng.index(kHresultHeads.size())]);
        for (int i = 0; i < 4; ++i) hex += hex_digit(prng);
        add(CodeShape::Hresult, "0x" + hex);
    }
    while (codes_.size() < 220 + 40) {
        std::string caa = "caa";
        caa += kCaaFamilies[prng.index(kCaaFamilies.size())];
        caa += "00";
        caa += digit(prng);
        caa += digit(prng);
        add(CodeShape::Caa, caa);
    }
    while (codes_.size() < 260 + 40) add(CodeShape::Number, std::to_string(prng.between(1000L, 99999L)));
    // Popularity is independent of shape: shuffle, then rank k has weight 1/(k+1).
    prng.shuffle(codes_);
    popularity_ = WeightedTable::zipf(codes_.size());
}

std::string ErrorCodePool::sentence(std::size_t code, Prng& prng) const {
    const PoolCode& c = codes_[code];
    switch (c.shape) {
        case CodeShape::Aadsts: {
            const std::string_view pattern = one_of(kAadstsSentences, prng);
            // "Error Code: 500121" is how the sign-in page shows it: the number alone.
            return fill(pattern, pattern.starts_with("Error Code") ? c.canonical.substr(6) : c.canonical);
        }
        case CodeShape::Hresult: {
            const std::string bare = c.canonical.substr(2);
            const bool bare_ok = bare_form_is_recognised(bare) && prng.chance(300);
            return fill(one_of(kHresultSentences, prng), bare_ok ? bare : c.canonical);
        }
        case CodeShape::Status:
            return fill(one_of(kStatusSentences, prng), c.canonical);
        case CodeShape::Caa:
            return fill(one_of(kCaaSentences, prng), prng.chance(400) ? ascii_upper(c.canonical) : c.canonical);
        case CodeShape::Number:
            return fill(one_of(kNumberSentences, prng), c.canonical);
    }
    return c.canonical;
}

std::string ErrorCodePool::title_suffix(std::size_t code, Prng& prng) const {
    const PoolCode& c = codes_[code];
    if (c.shape == CodeShape::Number) return " error " + c.canonical;
    return (prng.chance(500) ? " error " : " ") + c.canonical;
}

std::string ErrorCodePool::query_form(std::size_t code, Prng& prng) const {
    const PoolCode& c = codes_[code];
    switch (c.shape) {
        case CodeShape::Aadsts: {
            const std::string digits = c.canonical.substr(6);
            const unsigned r = static_cast<unsigned>(prng.below(4));
            return r == 0 ? c.canonical : r == 1 ? "error " + digits : r == 2 ? digits : ascii_lower(c.canonical);
        }
        case CodeShape::Hresult: {
            const std::string bare = c.canonical.substr(2);
            if (bare_form_is_recognised(bare) && prng.chance(300)) return bare;
            return prng.chance(250) ? "error " + c.canonical : c.canonical;
        }
        case CodeShape::Status:
            return prng.chance(300) ? ascii_lower(c.canonical) : c.canonical;
        case CodeShape::Caa:
            return prng.chance(400) ? ascii_upper(c.canonical) : c.canonical;
        case CodeShape::Number:
            return prng.chance(600) ? "error " + c.canonical : c.canonical;
    }
    return c.canonical;
}

std::vector<std::string> ErrorCodePool::vocabulary() const {
    std::vector<std::string> out;
    for (const PoolCode& c : codes_) out.push_back(c.canonical);
    for (auto s : kAadstsSentences) out.emplace_back(s);
    for (auto s : kHresultSentences) out.emplace_back(s);
    for (auto s : kStatusSentences) out.emplace_back(s);
    for (auto s : kCaaSentences) out.emplace_back(s);
    for (auto s : kNumberSentences) out.emplace_back(s);
    out.emplace_back("error AADSTS CAA");
    return out;
}

}  // namespace kb::bench
