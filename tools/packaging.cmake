# Installing and packaging: the completions' install rules and CPack's .deb
# settings (the binary and the man page are installed by their own directories).
include(GNUInstallDirs)

install(FILES ${PROJECT_SOURCE_DIR}/tools/completions/dfopt.bash
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/bash-completion/completions RENAME dfopt)
install(FILES ${PROJECT_SOURCE_DIR}/tools/completions/_dfopt
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/zsh/vendor-completions)
install(FILES ${PROJECT_SOURCE_DIR}/tools/completions/dfopt.fish
        DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/fish/vendor_completions.d)

set(DFOPT_MAINTAINER "dfopt maintainers <dfopt@example.org>" CACHE STRING "The .deb's Maintainer field")
set(DFOPT_HOMEPAGE "https://github.com/dfopt/dfopt" CACHE STRING "The .deb's Homepage field")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME dfopt)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${DFOPT_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Dockerfile optimizer: smaller, faster-building, safer images")
# The extended description (the synopsis is the summary): lines under 80 columns.
string(JOIN "\n" CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "dfopt reads the Dockerfiles of a repository, finds what makes their images"
  "big, slow to rebuild and unsafe, and rewrites them losslessly: the bytes it"
  "does not change stay identical. It parses Dockerfiles as BuildKit does and the"
  "shell in every RUN with a real shell grammar, and never writes a file that"
  "would not parse. Reports come as text, JSON, SARIF or GitHub annotations.")
set(CPACK_PACKAGE_HOMEPAGE_URL ${DFOPT_HOMEPAGE})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # dfopt_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${DFOPT_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${DFOPT_HOMEPAGE})
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "man-db")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
# Depends: the Debian packages of the shared libraries dfopt links, as dpkg-shlibdeps
# (dpkg-dev) finds them; without it, the ones Debian 12 ships (ldd + dpkg -S). The static
# build (DFOPT_STATIC_DEPS) links none and depends on nothing.
find_program(DFOPT_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(DFOPT_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  if(NOT DFOPT_STATIC_DEPS)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS
        "libboost-program-options1.74.0 (>= 1.74.0+ds1), libc6 (>= 2.34), libfmt9 (>= 9.1.0+ds1), libgcc-s1 (>= 3.0), "
        "libstdc++6 (>= 12), libtomlplusplus3 (>= 3.2.0)")
  endif()
  string(JOIN "" CPACK_DEBIAN_PACKAGE_DEPENDS ${CPACK_DEBIAN_PACKAGE_DEPENDS})
endif()

set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build[^/]*/" "/\\\\.cache/")
include(CPack)
