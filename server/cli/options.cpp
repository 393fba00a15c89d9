#include <charconv>
#include <string>

#include "server/cli/commands.h"

namespace kb::cli {

CLI::Validator whole_number(int min, int max) {
    const std::string range = std::to_string(min) + " to " + std::to_string(max);
    return CLI::Validator(
        [min, max, range](std::string& value) -> std::string {
            int parsed = 0;
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
            if (ec == std::errc::result_out_of_range ||
                (ec == std::errc() && end == value.data() + value.size() && (parsed < min || parsed > max)))
                return value + " is out of range; give a whole number from " + range;
            if (ec != std::errc() || end != value.data() + value.size())
                return "'" + value + "' is not a whole number; give one from " + range;
            return {};
        },
        "INT in " + range);
}

}  // namespace kb::cli
