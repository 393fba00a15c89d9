#include "server/http/request_head.h"

#include <algorithm>
#include <cctype>

namespace kb {

namespace {

// RFC 9110 token characters: what a method and a header name are made of.
bool is_token_char(unsigned char c) {
    return std::isalnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool is_token(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return is_token_char(static_cast<unsigned char>(c)); });
}

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trim_spaces(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// Empty lines allowed before a request line (RFC 9112 2.2: a client may send a CRLF after a body).
constexpr std::size_t kMaxLeadingEmptyLineBytes = 8;

}  // namespace

RequestHead::RequestHead(const ConnectionLimits& limits, std::size_t max_body_bytes)
    : limits_(limits), max_body_bytes_(max_body_bytes) {}

RequestHead::State RequestHead::refuse(const ApiError& error, std::string message) {
    refusal_ = Refusal{&error, std::move(message)};
    return State::Refused;
}

RequestHead::State RequestHead::scan(std::string_view received) {
    if (refusal_) return State::Refused;
    if (size_ != 0) return State::Complete;
    for (; scanned_ < received.size(); ++scanned_) {
        // Limits are checked on every byte of an unfinished line, so a line without end is
        // refused as soon as it is too long, not when (if ever) it ends.
        const std::size_t line_bytes = scanned_ + 1 - line_start_;
        if (received[scanned_] != '\n') {
            if (in_request_line_) {
                if (scanned_ + 1 - request_line_ > limits_.max_request_line_bytes)
                    return refuse(
                        api_errors::kUriTooLong,
                        "the request line is longer than " + std::to_string(limits_.max_request_line_bytes) + " bytes");
            } else if (line_bytes > limits_.max_header_line_bytes) {
                return refuse(
                    api_errors::kHeadersTooLarge,
                    "a header line is longer than " + std::to_string(limits_.max_header_line_bytes) + " bytes");
            } else if (header_bytes_ + line_bytes > limits_.max_header_bytes) {
                return refuse(api_errors::kHeadersTooLarge,
                              "the headers are longer than " + std::to_string(limits_.max_header_bytes) + " bytes");
            }
            continue;
        }
        // A whole line, its LF at scanned_. A bare LF would let us and a proxy in front of us
        // see different lines: refused.
        std::string_view line = received.substr(line_start_, scanned_ - line_start_);
        if (line.empty() || line.back() != '\r')
            return refuse(api_errors::kBadRequest, "a line of the request head does not end in CRLF");
        line.remove_suffix(1);
        line_start_ = scanned_ + 1;
        if (in_request_line_) {
            if (line.empty()) {
                request_line_ = line_start_;
                if (request_line_ > kMaxLeadingEmptyLineBytes)
                    return refuse(api_errors::kBadRequest, "empty lines where the request line should be");
            } else {
                in_request_line_ = false;
            }
            continue;
        }
        if (line.empty()) {
            size_ = ++scanned_;
            return check(received.substr(0, size_));
        }
        if (++header_lines_ > limits_.max_headers)
            return refuse(api_errors::kHeadersTooLarge,
                          "more than " + std::to_string(limits_.max_headers) + " header lines");
        header_bytes_ += line_bytes;
    }
    return State::Incomplete;
}

RequestHead::State RequestHead::check(std::string_view head) {
    head.remove_prefix(request_line_);
    const std::size_t line_end = head.find("\r\n");
    const std::string_view request_line = head.substr(0, line_end);
    // method SP request-target SP HTTP-version, one space each (RFC 9112 3).
    const std::size_t first = request_line.find(' ');
    const std::size_t second = first == std::string_view::npos ? first : request_line.find(' ', first + 1);
    if (second == std::string_view::npos)
        return refuse(api_errors::kBadRequest, "the request line is not 'METHOD target HTTP/1.1'");
    const std::string_view method = request_line.substr(0, first);
    const std::string_view target = request_line.substr(first + 1, second - first - 1);
    const std::string_view version = request_line.substr(second + 1);
    if (!is_token(method) || target.empty() || std::any_of(target.begin(), target.end(), [](char c) {
            return c == ' ' || is_control(static_cast<unsigned char>(c));
        }))
        return refuse(api_errors::kBadRequest, "the request line is not 'METHOD target HTTP/1.1'");
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return refuse(api_errors::kBadRequest, "only HTTP/1.1 and HTTP/1.0 are served");

    int hosts = 0;
    int lengths = 0;
    std::string_view rest = head.substr(line_end + 2);
    for (std::size_t end; (end = rest.find("\r\n")) != 0;) {
        if (!check_header(rest.substr(0, end), hosts, lengths)) return State::Refused;
        rest.remove_prefix(end + 2);
    }
    // One Host names one site; two would let us and a proxy answer for different ones (RFC 9112 3.2).
    if (version == "HTTP/1.1" && hosts != 1)
        return refuse(api_errors::kBadRequest,
                      hosts == 0 ? "an HTTP/1.1 request needs a Host header" : "more than one Host header");
    if (hosts > 1) return refuse(api_errors::kBadRequest, "more than one Host header");
    if (lengths > 1) return refuse(api_errors::kBadRequest, "more than one Content-Length header");
    if (content_length_ > max_body_bytes_)
        return refuse(api_errors::kBodyTooLarge, "request body is larger than the limit");
    return State::Complete;
}

bool RequestHead::check_header(std::string_view line, int& hosts, int& lengths) {
    // Folded lines and a space before the colon are how requests get smuggled past a proxy
    // that reads them otherwise (RFC 9112 5.1, 5.2): refused, not guessed at.
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || !is_token(line.substr(0, colon)))
        return refuse(api_errors::kBadRequest, "a header line is not 'Name: value'") != State::Refused;
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trim_spaces(line.substr(colon + 1));
    if (std::any_of(value.begin(), value.end(),
                    [](char c) { return c != '\t' && is_control(static_cast<unsigned char>(c)); }))
        return refuse(api_errors::kBadRequest, "a header value holds a control character") != State::Refused;
    if (iequals(name, "Host")) ++hosts;
    if (iequals(name, "Content-Length")) {
        ++lengths;
        // Digits only: no sign, no list ("30, 30"), nothing httplib's strtoull would read past.
        // Eighteen digits cannot overflow, and are far past any limit.
        if (value.empty() || value.size() > 18 ||
            !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return refuse(api_errors::kBadRequest, "Content-Length must be one number, digits only") != State::Refused;
        content_length_ = 0;
        for (const char c : value) content_length_ = content_length_ * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return true;
}

}  // namespace kb
