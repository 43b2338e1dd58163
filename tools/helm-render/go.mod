// helm-render is built offline in GOPATH mode against Debian's packaged Go sources
// (golang-github-masterminds-sprig-dev 3.2.3, which also brings gopkg.in/yaml.v3):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o ../../tmp/helm-render .
//
// ensure-go.sh does exactly that. In GOPATH mode this file is ignored; it names the module and
// the Go version the program targets. Module mode is not used (no network, no vendor tree).
module github.com/sentinel/tools/helm-render

go 1.19
