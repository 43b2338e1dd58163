// helm-render renders a Helm chart without a helm binary: Go's text/template, the Sprig
// function map, and the handful of Helm functions and objects Sentinel's chart uses.
//
//	helm-render [-f values.yaml]... [--api-versions keda.sh/v1alpha1]... \
//	            [--release-name NAME] [--namespace NS] [--kube-version v1.30.0] [--upgrade] [--notes] CHART_DIR
//
// Output: a multi-document YAML stream on stdout, one document per rendered manifest, each
// preceded by `# Source: <chart>/templates/<file>`. Any template error (including `required`
// and `fail`) or a rendered document that is not valid YAML is printed on stderr, exit code 1.
//
// Supported: .Values (values.yaml deep-merged with each -f file in order; a null deletes a key,
// as in Helm), .Release (Name, Namespace, Service, IsInstall, IsUpgrade, Revision), .Chart
// (Name, Version, AppVersion, Description, Type from Chart.yaml), .Capabilities (APIVersions.Has,
// KubeVersion), .Template (Name, BasePath), and the functions include, tpl, required, fail,
// toYaml, fromYaml, toJson (Sprig), lookup (always empty, as in `helm template`). Not supported:
// subcharts, .Files, values.schema.json validation (the jest test validates values with ajv).
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"gopkg.in/yaml.v3"
)

type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

type chartMeta struct {
	Name        string
	Version     string
	AppVersion  string
	Description string
	Type        string
}

type release struct {
	Name      string
	Namespace string
	Service   string
	IsInstall bool
	IsUpgrade bool
	Revision  int
}

type versionSet []string

// Has reports whether the API version (group/version, or group/version/Kind) is available.
func (v versionSet) Has(apiVersion string) bool {
	for _, candidate := range v {
		if candidate == apiVersion {
			return true
		}
	}
	return false
}

type kubeVersion struct {
	Version    string
	Major      string
	Minor      string
	GitVersion string
}

func (k kubeVersion) String() string { return k.Version }

type capabilities struct {
	APIVersions versionSet
	KubeVersion kubeVersion
}

type templateInfo struct {
	Name     string
	BasePath string
}

// Built-in API versions of a recent cluster; --api-versions adds to these (e.g. keda.sh/v1alpha1).
var defaultAPIVersions = []string{
	"v1", "apps/v1", "batch/v1", "policy/v1", "autoscaling/v1", "autoscaling/v2",
	"networking.k8s.io/v1", "rbac.authorization.k8s.io/v1", "apiextensions.k8s.io/v1",
	"coordination.k8s.io/v1", "discovery.k8s.io/v1", "storage.k8s.io/v1", "scheduling.k8s.io/v1",
}

func main() {
	var valueFiles, apiVersions stringList
	flag.Var(&valueFiles, "f", "values file merged over the chart's values.yaml (repeatable, later wins)")
	flag.Var(&valueFiles, "values", "same as -f")
	flag.Var(&apiVersions, "api-versions", "extra API version reported by .Capabilities.APIVersions.Has (repeatable)")
	releaseName := flag.String("release-name", "release-name", "release name (.Release.Name)")
	namespace := flag.String("namespace", "default", "release namespace (.Release.Namespace)")
	kube := flag.String("kube-version", "v1.30.0", "Kubernetes version (.Capabilities.KubeVersion)")
	upgrade := flag.Bool("upgrade", false, "render as an upgrade (.Release.IsUpgrade) instead of an install")
	notes := flag.Bool("notes", false, "print the rendered templates/NOTES.txt on stderr (it is always rendered, so its errors fail the run)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: helm-render [-f values.yaml]... [--api-versions GROUP/VERSION]... [--release-name NAME] [--namespace NS] [--kube-version vX.Y.Z] [--upgrade] [--notes] CHART_DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	out, notesText, err := render(flag.Arg(0), valueFiles, append(append([]string{}, defaultAPIVersions...), apiVersions...), *releaseName, *namespace, *kube, *upgrade)
	if err != nil {
		fmt.Fprintf(os.Stderr, "Error: %v\n", err)
		os.Exit(1)
	}
	os.Stdout.WriteString(out)
	if *notes && notesText != "" {
		fmt.Fprintf(os.Stderr, "NOTES:\n%s\n", strings.TrimSpace(notesText))
	}
}

func render(chartDir string, valueFiles, apiVersions []string, releaseName, namespace, kube string, upgrade bool) (string, string, error) {
	meta, err := readChart(chartDir)
	if err != nil {
		return "", "", err
	}
	values, err := readYAMLMap(filepath.Join(chartDir, "values.yaml"), true)
	if err != nil {
		return "", "", err
	}
	for _, file := range valueFiles {
		override, err := readYAMLMap(file, false)
		if err != nil {
			return "", "", err
		}
		values = mergeValues(values, override)
	}
	kv, err := parseKubeVersion(kube)
	if err != nil {
		return "", "", err
	}

	sources, err := readTemplates(chartDir, meta.Name)
	if err != nil {
		return "", "", err
	}
	revision := 1
	if upgrade {
		revision = 2
	}
	top := map[string]interface{}{
		"Values":       values,
		"Chart":        meta,
		"Release":      release{Name: releaseName, Namespace: namespace, Service: "Helm", IsInstall: !upgrade, IsUpgrade: upgrade, Revision: revision},
		"Capabilities": capabilities{APIVersions: versionSet(apiVersions), KubeVersion: kv},
	}

	root, err := parseAll(sources)
	if err != nil {
		return "", "", err
	}
	names := make([]string, 0, len(sources))
	for name := range sources {
		names = append(names, name)
	}
	sort.Strings(names)

	var out strings.Builder
	notesText := ""
	for _, name := range names {
		base := filepath.Base(name)
		if base == "NOTES.txt" {
			data := copyTop(top)
			data["Template"] = templateInfo{Name: name, BasePath: meta.Name + "/templates"}
			var buf bytes.Buffer
			if err := root.ExecuteTemplate(&buf, name, data); err != nil {
				return "", "", cleanError(err)
			}
			notesText = strings.ReplaceAll(buf.String(), "<no value>", "")
			continue
		}
		if strings.HasPrefix(base, "_") || !(strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml")) {
			continue
		}
		data := copyTop(top)
		data["Template"] = templateInfo{Name: name, BasePath: meta.Name + "/templates"}
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, name, data); err != nil {
			return "", "", cleanError(err)
		}
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		for _, doc := range splitDocuments(text) {
			var parsed interface{}
			if err := yaml.Unmarshal([]byte(doc), &parsed); err != nil {
				return "", "", fmt.Errorf("%s: rendered YAML is invalid: %v\n%s", name, err, numbered(doc))
			}
			if parsed == nil {
				continue
			}
			fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", name, strings.TrimRight(doc, "\n "))
		}
	}
	return out.String(), notesText, nil
}

func readChart(chartDir string) (chartMeta, error) {
	raw, err := os.ReadFile(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return chartMeta{}, fmt.Errorf("reading Chart.yaml: %w", err)
	}
	var fields struct {
		Name        string `yaml:"name"`
		Version     string `yaml:"version"`
		AppVersion  string `yaml:"appVersion"`
		Description string `yaml:"description"`
		Type        string `yaml:"type"`
	}
	if err := yaml.Unmarshal(raw, &fields); err != nil {
		return chartMeta{}, fmt.Errorf("Chart.yaml: %w", err)
	}
	if fields.Name == "" || fields.Version == "" {
		return chartMeta{}, errors.New("Chart.yaml: name and version are required")
	}
	return chartMeta{Name: fields.Name, Version: fields.Version, AppVersion: fields.AppVersion, Description: fields.Description, Type: fields.Type}, nil
}

func readYAMLMap(path string, optional bool) (map[string]interface{}, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		if optional && os.IsNotExist(err) {
			return map[string]interface{}{}, nil
		}
		return nil, fmt.Errorf("reading values: %w", err)
	}
	var parsed interface{}
	if err := yaml.Unmarshal(raw, &parsed); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if parsed == nil {
		return map[string]interface{}{}, nil
	}
	m, ok := normalize(parsed).(map[string]interface{})
	if !ok {
		return nil, fmt.Errorf("%s: values must be a mapping", path)
	}
	return m, nil
}

// normalize turns any map[interface{}]interface{} into map[string]interface{} (yaml.v3 already
// does for string keys; non-string keys are stringified as Helm's JSON round trip would).
func normalize(v interface{}) interface{} {
	switch t := v.(type) {
	case map[string]interface{}:
		for k, item := range t {
			t[k] = normalize(item)
		}
		return t
	case map[interface{}]interface{}:
		m := make(map[string]interface{}, len(t))
		for k, item := range t {
			m[fmt.Sprint(k)] = normalize(item)
		}
		return m
	case []interface{}:
		for i, item := range t {
			t[i] = normalize(item)
		}
		return t
	default:
		return v
	}
}

// mergeValues deep-merges override into base like Helm's coalescing of user values over chart
// defaults: maps merge key by key, anything else replaces, and an explicit null deletes the key.
func mergeValues(base, override map[string]interface{}) map[string]interface{} {
	for key, value := range override {
		if value == nil {
			delete(base, key)
			continue
		}
		overrideMap, overrideIsMap := value.(map[string]interface{})
		baseMap, baseIsMap := base[key].(map[string]interface{})
		if overrideIsMap && baseIsMap {
			base[key] = mergeValues(baseMap, overrideMap)
		} else {
			base[key] = value
		}
	}
	return base
}

var kubeVersionPattern = regexp.MustCompile(`^v?(\d+)\.(\d+)(\.\d+)?`)

func parseKubeVersion(v string) (kubeVersion, error) {
	m := kubeVersionPattern.FindStringSubmatch(v)
	if m == nil {
		return kubeVersion{}, fmt.Errorf("--kube-version %q is not a version like v1.30.0", v)
	}
	full := "v" + strings.TrimPrefix(v, "v")
	return kubeVersion{Version: full, Major: m[1], Minor: m[2], GitVersion: full}, nil
}

func readTemplates(chartDir, chartName string) (map[string]string, error) {
	dir := filepath.Join(chartDir, "templates")
	sources := map[string]string{}
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sources[chartName+"/templates/"+filepath.ToSlash(rel)] = string(raw)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading templates: %w", err)
	}
	return sources, nil
}

// parseAll parses every template file into one set, with the function map bound to that set so
// `include` and `tpl` can see every named template.
func parseAll(sources map[string]string) (*template.Template, error) {
	root := template.New("root")
	funcs := funcMap(root, sources)
	root.Funcs(funcs)
	names := make([]string, 0, len(sources))
	for name := range sources {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, err := root.New(name).Parse(sources[name]); err != nil {
			return nil, cleanError(err)
		}
	}
	return root, nil
}

func funcMap(root *template.Template, sources map[string]string) template.FuncMap {
	f := sprig.TxtFuncMap()
	// Helm removes these: a chart must not read the renderer's environment.
	delete(f, "env")
	delete(f, "expandenv")

	includeDepth := map[string]int{}
	f["include"] = func(name string, data interface{}) (string, error) {
		if includeDepth[name] > 1000 {
			return "", fmt.Errorf("rendering template has a nested reference name: %s", name)
		}
		includeDepth[name]++
		defer func() { includeDepth[name]-- }()
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		return buf.String(), nil
	}
	f["tpl"] = func(text string, data interface{}) (string, error) {
		// A fresh set (an executed template cannot be cloned): every named template plus this text.
		fresh, err := parseAll(sources)
		if err != nil {
			return "", err
		}
		t, err := fresh.New("tpl").Parse(text)
		if err != nil {
			return "", err
		}
		var buf bytes.Buffer
		if err := t.Execute(&buf, data); err != nil {
			return "", err
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
	f["required"] = func(message string, value interface{}) (interface{}, error) {
		if value == nil {
			return nil, errors.New(message)
		}
		if s, ok := value.(string); ok && s == "" {
			return nil, errors.New(message)
		}
		return value, nil
	}
	f["fail"] = func(message string) (string, error) { return "", errors.New(message) }
	f["toYaml"] = func(v interface{}) string {
		var buf bytes.Buffer
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := enc.Encode(v); err != nil {
			return ""
		}
		_ = enc.Close()
		return strings.TrimSuffix(buf.String(), "\n")
	}
	f["fromYaml"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		var parsed interface{}
		if err := yaml.Unmarshal([]byte(s), &parsed); err != nil {
			m["Error"] = err.Error()
			return m
		}
		if asMap, ok := normalize(parsed).(map[string]interface{}); ok {
			return asMap
		}
		return m
	}
	f["lookup"] = func(string, string, string, string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil
	}
	return f
}

func copyTop(top map[string]interface{}) map[string]interface{} {
	c := make(map[string]interface{}, len(top)+1)
	for k, v := range top {
		c[k] = v
	}
	return c
}

var separator = regexp.MustCompile(`(?m)^---[ \t]*$`)

func splitDocuments(text string) []string {
	var docs []string
	for _, part := range separator.Split(text, -1) {
		if strings.TrimSpace(stripComments(part)) != "" {
			docs = append(docs, strings.Trim(part, "\n"))
		}
	}
	return docs
}

func stripComments(doc string) string {
	var kept []string
	for _, line := range strings.Split(doc, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, "\n")
}

// cleanError turns a `required`/`fail` failure into Helm's shape, "execution error at
// (file:line:col): message", so the chart author's message is what the operator reads; any other
// template error is returned as Go reports it.
func cleanError(err error) error {
	msg := err.Error()
	cut := -1
	marker := ""
	for _, fn := range []string{"required", "fail"} {
		m := "error calling " + fn + ": "
		if i := strings.LastIndex(msg, m); i > cut {
			cut, marker = i, m
		}
	}
	if cut < 0 {
		return err
	}
	message := msg[cut+len(marker):]
	position := ""
	if loc := templatePosition.FindAllStringSubmatch(msg[:cut], -1); len(loc) > 0 {
		position = loc[len(loc)-1][1]
	}
	if position == "" {
		return errors.New("execution error: " + message)
	}
	return fmt.Errorf("execution error at (%s): %s", position, message)
}

var templatePosition = regexp.MustCompile(`template: ([^:]+:\d+:\d+): executing`)

func numbered(doc string) string {
	lines := strings.Split(doc, "\n")
	for i := range lines {
		lines[i] = strconv.Itoa(i+1) + ": " + lines[i]
	}
	return strings.Join(lines, "\n")
}
