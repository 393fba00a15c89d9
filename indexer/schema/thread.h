// Thread: the plain-data model every parser produces and every later step reads.
// Nothing downstream of a parser knows which input format a thread came from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kb {

enum class AuthorRole { User, Staff, Moderator, StaffModerator, Ai };

// The one table of role names: "staff_moderator" in records and the API, "Staff moderator" for
// display, "staff moderator answer" in a canonical answer's reason.
std::string_view to_string(AuthorRole role);
std::string_view role_display_name(AuthorRole role);
std::string_view role_answer_phrase(AuthorRole role);
// The role named `name` (to_string's form); nullopt for any other name.
std::optional<AuthorRole> role_from_name(std::string_view name);
// "user, staff, moderator, staff_moderator or ai": for messages.
std::string role_names_list();

struct Answer {
    AuthorRole role = AuthorRole::User;
    std::string role_label;   // as the page wrote it ("Microsoft External Staff Moderator"), for display
    std::string author_name;  // only for PII scrubbing: cleared before anything is stored
    long reputation = 0;
    std::string date;  // ISO 8601 as on the page, may be empty
    std::string body;
    int helpful = 0;  // "N people found this answer helpful"
    bool accepted = false;
    std::string source_id;  // importer's own id for the answer (SemEval comment id), if any
    int source_line = 0;
};

struct Thread {
    std::string id;  // unique: seed file stem, SemEval RELQ_ID, SCN "topic-uid"
    std::string title;
    std::string question;
    std::string asker_name;  // only for PII scrubbing: cleared before anything is stored
    long asker_reputation = 0;
    std::string date;
    std::vector<std::string> product_path;  // breadcrumb, outermost first
    int comment_count = 0;
    std::vector<Answer> answers;
    std::string source_file;
    int source_line = 0;  // where the record starts, when the format has lines (JSON Lines)
};

}  // namespace kb
