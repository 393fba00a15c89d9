#include "server/http/log_text.h"

#include <cstdio>

namespace kb {

std::string log_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        // The backslash too, so a client's literal "\x0a" cannot pass for an escaped one.
        if (byte < 0x20 || byte == 0x7f || byte == '\\') {
            char escaped[5];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
            out += escaped;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace kb
