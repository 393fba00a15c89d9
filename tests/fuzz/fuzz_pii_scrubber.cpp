// libFuzzer target: the PII scrubber on any text, with the known names taken from the input's
// first line ("|"-separated). Its output must be valid UTF-8 and hold no known full name.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/text/normaliser.h"
#include "indexer/text/pii_scrubber.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const kb::Normaliser normaliser;
    const std::string input = normaliser.clean(std::string_view(reinterpret_cast<const char*>(data), size));
    const std::size_t newline = input.find('\n');
    std::vector<std::string> names;
    if (newline != std::string::npos) {
        const std::string first = input.substr(0, std::min<std::size_t>(newline, 200));
        for (std::size_t from = 0; from <= first.size();) {
            const std::size_t bar = std::min(first.find('|', from), first.size());
            if (bar > from) names.push_back(first.substr(from, bar - from));
            from = bar + 1;
        }
    }
    const kb::PiiScrubber scrubber(names);
    const std::string scrubbed = scrubber.scrub(newline == std::string::npos ? input : input.substr(newline + 1));
    if (!kb::Normaliser::is_valid_utf8(scrubbed)) std::abort();
    return 0;
}
