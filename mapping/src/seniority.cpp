#include "seniority.h"

namespace rungs::mapping {
namespace {

// Cue phrases by seniority. Sources of the vocabulary: the scope and
// autonomy language common to engineering and support ladders (dependence →
// independence → leading others → setting direction for the organisation).
struct CueGroup {
  double value;
  const char* phrases;  // '|' separated; words separated by spaces
};
constexpr CueGroup kCueGroups[] = {
    {0.05, "shadow*|junior|beginner*|apprentice*|intern|trainee*|learns the ropes|learning the ropes"},
    {0.12,
     "with help|with guidance|under guidance|with direction|with supervision|under supervision|"
     "close supervision|asks for help|ask for help|asking for help|seeks help|seeks guidance|"
     "seeks out advice|needs help|requires help|is reviewed|are reviewed|assists with|assist with|"
     "learning to|is learning|am learning|gaining|becoming|familiar*|basic|simple|straightforward|"
     "with coaching|minimal coaching|dependent contribution|learn|learns|learning|not yet"},
    {0.25,
     "small|smaller|little oversight|minimal oversight|low-risk|low risk|individual tasks|"
     "existing procedures|follows|day to day|well-defined|well defined"},
    {0.42,
     "independent*|proficient*|reliable|reliably|own direction|moderate|confident*|self-managing|"
     "no regular status checks|without supervision"},
    {0.62,
     "mentor*|coach*|expert*|deep|deeply|complex|ambiguous|ambiguity|multiple teams|across teams|"
     "other teams|trusted|larger|major|high-risk|higher risk|guide*|teach*|leads|lead the|leading the|"
     "technical leader|technical lead|leader|ownership|raise the bar|raises the bar|standards|"
     "sought by|sought out|level up|less experienced"},
    {0.82,
     "strateg*|company|across the organization|across the organisation|organization-wide|"
     "organisation-wide|cross-functional|architecture|vision|roadmap|team direction|setting direction|"
     "sets direction|critical|delegat*|influenc*|represent*|representative|domain expert|industry|"
     "any problem|any project|broad impact|longer-term|long-term|drive projects|defines|"
     "mentor of mentors|become mentors|team lead"},
    {0.95,
     "company-wide|whole organization|whole organisation|entire organization|entire organisation|"
     "external|public|evangeli*|principal|executive*|any size team|industry-wide|company strategy"},
};

// Title words, on the same scale: the common industry order
// junior < associate < intermediate < senior < lead/staff < principal < distinguished.
constexpr CueGroup kTitleGroups[] = {
    {0.05, "junior|trainee|apprentice|intern|graduate|entry level"},
    {0.15, "associate"},
    {0.35, "intermediate|mid level|mid"},
    {0.55, "senior|experienced"},
    {0.75, "lead|staff|senior staff"},
    {0.9, "principal|architect"},
    {1.0, "distinguished|fellow|head of|director"},
};

SeniorityReading read_with(const PhraseSet& cues, const std::vector<std::string>& words) {
  SeniorityReading reading;
  for (double value : cues.find(words)) {
    reading.sum += value;
    reading.cues += 1;
  }
  return reading;
}

}  // namespace

SeniorityLexicon::SeniorityLexicon() {
  for (const auto& group : kCueGroups) cues_.add(group.phrases, group.value);
  for (const auto& group : kTitleGroups) title_cues_.add(group.phrases, group.value);
}

SeniorityReading SeniorityLexicon::read(const std::vector<std::string>& words) const { return read_with(cues_, words); }

SeniorityReading SeniorityLexicon::read_title(const std::vector<std::string>& words) const {
  return read_with(title_cues_, words);
}

}  // namespace rungs::mapping
