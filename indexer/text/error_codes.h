// ErrorCodes: recognises support error codes in their written forms (AADSTS500121, "Error Code:
// 500121", 0x80070005, 80070005, caa70004, STATUS_ACCESS_VIOLATION) and gives each one canonical key.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kb {

struct ErrorCode {
    std::string display;            // as users write it: "AADSTS500121", "0x80070005"
    std::vector<std::string> keys;  // index/query keys, lowercase: {"aadsts500121", "500121"}
};

// The words a thread's text may spell `code` with, lowercase, as a snippet has to find them: its
// keys, its display form ("0x80070005"), and for a bare number the sign-in form it stands for
// ("500121" is written "AADSTS500121").
std::vector<std::string> spelled_forms(const ErrorCode& code);

class ErrorCodes {
  public:
    // Every code in free text, in order of first appearance, without repeats, of the shapes in
    // the table in error_codes.cpp (sign-in codes, HRESULTs, status and stop-code names, a
    // product's prefixed hex). Bare numbers count only after "error"/"code" ("Error Code:
    // 500121", "error 809"), since text is full of numbers.
    std::vector<ErrorCode> extract(std::string_view text) const;

    // One query token read as a code, if it has a code's shape. A bare number of 4 to 7
    // digits counts here: a moderator typing "500121" means the code.
    std::optional<ErrorCode> from_query_token(std::string_view token) const;
};

}  // namespace kb
