// CanonicalAnswer: picks the one answer a thread is best represented by, with a short reason.
//
// The rule, in order (the first that separates two answers decides):
//   1. an answer the asker accepted;
//   2. more "found this answer helpful" votes;
//   3. a human answer over an AI answer (AI answers are still chosen when nothing else exists);
//   4. staff or moderator over an ordinary user;
//   5. a higher author reputation;
//   6. the earlier answer on the page.
// Answers that are only thanks or a "same problem" reply are never chosen while another exists.
#pragma once

#include <string>

#include "indexer/thread.h"

namespace kb {

struct CanonicalChoice {
    int index = -1;          // into Thread::answers; -1 when the thread has no usable answer
    std::string why;         // "accepted by the asker", "staff moderator answer", ...
};

class CanonicalAnswer {
  public:
    CanonicalChoice pick(const Thread& thread) const;

    // True for replies that carry no answer: "Thanks, that worked!", "Same problem here".
    static bool is_acknowledgement(const std::string& body);
};

}  // namespace kb
