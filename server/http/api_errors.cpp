#include "server/http/api_errors.h"

#include <array>
#include <string>

namespace kb::api_errors {

namespace {

constexpr std::array<const ApiError*, 21> kAll{
    &kInvalidQuery,     &kEmptyQuery,      &kQueryTooLong,     &kQueryTooComplex, &kInvalidParameter,
    &kMissingParameter, &kInvalidJson,     &kBadRequest,       &kHostNotAllowed,  &kThreadNotFound,
    &kRouteNotFound,    &kFileNotFound,    &kMethodNotAllowed, &kLengthRequired,  &kBodyTooLarge,
    &kUriTooLong,       &kHeadersTooLarge, &kInternal,         &kOverloaded,      &kIndexUnavailable,
    &kShardUnavailable};

}  // namespace

std::span<const ApiError* const> all() { return kAll; }

const ApiError& for_problem(QueryProblem problem) {
    switch (problem) {
        case QueryProblem::Empty:
            return kEmptyQuery;
        case QueryProblem::TooLong:
            return kQueryTooLong;
        case QueryProblem::TooComplex:
            return kQueryTooComplex;
        case QueryProblem::BadParameter:
            return kInvalidParameter;
        case QueryProblem::MissingParameter:
            return kMissingParameter;
        case QueryProblem::BadJson:
            return kInvalidJson;
        case QueryProblem::Invalid:
            break;
    }
    return kInvalidQuery;
}

const ApiError& for_status(int status) {
    switch (status) {
        case 404:
            return kRouteNotFound;
        case 405:
            return kMethodNotAllowed;
        case 411:
            return kLengthRequired;
        case 413:
            return kBodyTooLarge;
        case 414:
            return kUriTooLong;
        case 431:
            return kHeadersTooLarge;
        case 503:
            return kOverloaded;
        default:
            return status >= 500 ? kInternal : kBadRequest;
    }
}

nlohmann::json body(const ApiError& error, std::string_view message) {
    return nlohmann::json{
        {"error", {{"code", error.code}, {"message", message}, {"link", "/api/errors#" + std::string(error.code)}}}};
}

nlohmann::json listing() {
    nlohmann::json errors = nlohmann::json::array();
    for (const ApiError* error : kAll)
        errors.push_back({{"code", error->code}, {"status", error->status}, {"meaning", error->meaning}});
    return nlohmann::json{{"errors", std::move(errors)}};
}

}  // namespace kb::api_errors
