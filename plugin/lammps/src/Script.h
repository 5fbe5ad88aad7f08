#ifndef TN4J_LAMMPS_SCRIPT_H_
#define TN4J_LAMMPS_SCRIPT_H_

#include <string>
#include <vector>

namespace tn4j::lammps {

/** A LAMMPS input script cut around its tensornet4j command, which LAMMPS itself does not know: the
 * text before it and after it (each handed to LAMMPS whole, so loops, jumps and includes inside
 * either part work) and the command's arguments as written (after the name; continuation lines
 * joined, the comment cut off; LAMMPS variables not yet substituted). */
struct ScriptParts {
    std::string before;
    std::string arguments;
    int line = 0;  // the command's first line (1-based)
    std::string after;
};

/** Cuts the script at its single top-level tensornet4j command (continuation lines ending in '&'
 * joined). Throws std::invalid_argument when there is none, or more than one. */
ScriptParts splitScript(const std::string& text);

/** The group of the last `fix FIXID GROUP external ...` command of a script's text, "" when there is
 * none (defined in an included file, say). */
std::string externalFixGroup(const std::string& text, const std::string& fixId);

/** line without its comment (from a '#' outside quotes). */
std::string withoutComment(const std::string& line);

/** The words of one LAMMPS command line: split at blanks, '#' starts a comment, "..." '...' and
 * """...""" group words. */
std::vector<std::string> commandWords(const std::string& line);

}  // namespace tn4j::lammps

#endif
