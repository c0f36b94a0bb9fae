# Packaging.cmake - the Debian package: `cpack -G DEB` in a build tree
# configured with -DCMAKE_INSTALL_PREFIX=/usr -DGPUADV_DEBIAN=ON
# (tools/check-deb.sh builds, inspects, lints and runs it). Depends comes
# from the ELF files' shared libraries (dpkg-shlibdeps): libyaml, libcjson,
# libsmartcols, libsodium, libc, and cairo and fontconfig through the
# charts module. libcurl is only a Recommends: it is opened with dlopen
# when `update` runs, and every other command works without it.

set(GPUADV_DEB_MAINTAINER "The gpu-advisor authors <gpu-advisor@example.org>"
    CACHE STRING "The Debian package's Maintainer")

if(GPUADV_DEBIAN)
  # Debian's changelog and copyright file, in /usr/share/doc/gpu-advisor.
  # The date is fixed (the release's), so the package is reproducible.
  set(GPUADV_DEB_DATE "Mon, 04 May 2026 00:00:00 +0000")
  configure_file(${PROJECT_SOURCE_DIR}/packaging/changelog.Debian.in
                 ${CMAKE_CURRENT_BINARY_DIR}/debian/changelog.Debian @ONLY)
  # copyright (machine-readable format): the licence's text, from LICENSE.
  file(READ ${PROJECT_SOURCE_DIR}/LICENSE GPUADV_LICENSE)
  string(REGEX MATCH "Copyright \\(c\\) ([^\n]*)" _ "${GPUADV_LICENSE}")
  set(GPUADV_COPYRIGHT_HOLDER "${CMAKE_MATCH_1}")
  string(REGEX REPLACE "^.*\n(Permission)" "\\1" GPUADV_LICENSE_TEXT "${GPUADV_LICENSE}")
  string(STRIP "${GPUADV_LICENSE_TEXT}" GPUADV_LICENSE_TEXT)
  string(REPLACE "\n\n" "\n.\n" GPUADV_LICENSE_TEXT "${GPUADV_LICENSE_TEXT}")
  string(REPLACE "\n" "\n " GPUADV_LICENSE_TEXT "${GPUADV_LICENSE_TEXT}")
  configure_file(${PROJECT_SOURCE_DIR}/packaging/copyright.in
                 ${CMAKE_CURRENT_BINARY_DIR}/debian/copyright @ONLY)
  if(NOT GZIP)
    message(FATAL_ERROR "GPUADV_DEBIAN needs gzip")
  endif()
  add_custom_command(
    OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/debian/changelog.Debian.gz
    COMMAND ${GZIP} -9nf ${CMAKE_CURRENT_BINARY_DIR}/debian/changelog.Debian
    COMMAND ${CMAKE_COMMAND} -E touch ${CMAKE_CURRENT_BINARY_DIR}/debian/changelog.Debian
    DEPENDS ${PROJECT_SOURCE_DIR}/packaging/changelog.Debian.in
    VERBATIM)
  add_custom_target(gpu-advisor-debian ALL
    DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/debian/changelog.Debian.gz)
  install(FILES ${CMAKE_CURRENT_BINARY_DIR}/debian/changelog.Debian.gz
                ${CMAKE_CURRENT_BINARY_DIR}/debian/copyright
          DESTINATION ${CMAKE_INSTALL_DOCDIR})
  # This package is built from upstream sources, not uploaded to Debian:
  # there is no ITP bug for its first changelog entry to close.
  install(FILES ${PROJECT_SOURCE_DIR}/packaging/lintian-overrides
          DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME gpu-advisor)
  if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr")
    message(WARNING "GPUADV_DEBIAN: a Debian package installs into /usr, not ${CMAKE_INSTALL_PREFIX}")
  endif()
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME gpu-advisor)
set(CPACK_PACKAGE_VENDOR "The gpu-advisor authors")
set(CPACK_PACKAGE_CONTACT "${GPUADV_DEB_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "choose an NVIDIA GPU for deep learning")
string(CONCAT CPACK_PACKAGE_DESCRIPTION
  "gpu-advisor ranks NVIDIA GPUs for a deep learning workload or a model\n"
  "within a budget, compares cards side by side, estimates the memory a\n"
  "model needs, and lists the GPUs in this machine. Its answers come from a\n"
  "catalogue of architectures and GPUs whose figures carry their sources,\n"
  "as text, JSON, CSV, Markdown or SVG and PNG charts.")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libcurl4")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
