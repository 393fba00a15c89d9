#include "indexer/schema/thread.h"

#include <array>

namespace kb {

namespace {

struct RoleNames {
    AuthorRole role;
    std::string_view name;
    std::string_view display;
    std::string_view answer_phrase;
};
constexpr std::array<RoleNames, 5> kRoles{{
    {AuthorRole::User, "user", "Community member", "community answer"},
    {AuthorRole::Staff, "staff", "Staff", "staff answer"},
    {AuthorRole::Moderator, "moderator", "Moderator", "moderator answer"},
    {AuthorRole::StaffModerator, "staff_moderator", "Staff moderator", "staff moderator answer"},
    {AuthorRole::Ai, "ai", "AI answer", "AI answer"},
}};

const RoleNames& names_of(AuthorRole role) {
    for (const RoleNames& r : kRoles)
        if (r.role == role) return r;
    return kRoles[0];
}

}  // namespace

std::string_view to_string(AuthorRole role) { return names_of(role).name; }
std::string_view role_display_name(AuthorRole role) { return names_of(role).display; }
std::string_view role_answer_phrase(AuthorRole role) { return names_of(role).answer_phrase; }

std::optional<AuthorRole> role_from_name(std::string_view name) {
    for (const RoleNames& r : kRoles)
        if (r.name == name) return r.role;
    return std::nullopt;
}

std::string role_names_list() {
    std::string list;
    for (std::size_t i = 0; i < kRoles.size(); ++i) {
        if (i) list += i + 1 == kRoles.size() ? " or " : ", ";
        list += kRoles[i].name;
    }
    return list;
}

}  // namespace kb
