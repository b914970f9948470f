// Opening an input file the program reads whole (data files, code lists, panels, elasticities, reference
// tables, scenario and claims files): it must be a regular file, after symbolic links. A FIFO, device,
// socket, directory or dangling link is a kIo error naming the path; the file is checked with stat before
// it is opened, so a FIFO is never opened (opening one would wait for a writer).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tradeshock::file_internal {

// Throws InputException kIo naming `path` ("got 'a FIFO', expected a regular file as the `what`") unless
// `path` names a regular file.
void RequireRegularFile(const std::string& path, std::string_view what);
// Opens a regular file for reading (RequireRegularFile first, and again on the open descriptor). Returns
// the descriptor; the caller closes it.
int OpenRegularFile(const std::string& path, std::string_view what);
// Reads a whole regular file. More than `max_bytes` is a kIo error naming `limit` (a constant or a flag).
std::string ReadRegularFile(const std::string& path, std::string_view what, std::size_t max_bytes,
                            std::string_view limit);

}  // namespace tradeshock::file_internal
