#pragma once

#include <string>

// Hand-built files with the structure of real ones, for the media checks.
namespace laso::feedback::samples {

// A JPEG with JFIF, an EXIF block (GPS position and orientation 6), XMP, a
// comment, a quantization table, and scan data ending in EOI.
std::string JpegWithExif();
// A PNG with IHDR, tEXt, eXIf, IDAT and IEND.
std::string PngWithText();
// A WebP (VP8X) with an EXIF chunk.
std::string WebpWithExif();
// An ISO base media file: ftyp with the brand, then the boxes needed.
std::string Mp4(size_t payload_bytes);
std::string Heic();

}  // namespace laso::feedback::samples
