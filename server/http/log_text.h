// log_safe: text made fit for one log line. Control characters (a %0a decoded from a URL among
// them) are written as \xNN, so no request can end a line early or forge one of its own.
#pragma once

#include <string>
#include <string_view>

namespace kb {

// `text` with every byte below 0x20, 0x7f and the backslash itself written as \xNN.
std::string log_safe(std::string_view text);

}  // namespace kb
