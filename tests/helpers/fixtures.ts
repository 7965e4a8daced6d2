/**
 * Inline FAQ documents for HTTP tests: small, but with every shape the API
 * exposes (nested topics, nested answers, code in and after answers, links,
 * images, a follow-up question, two sources sharing a topic).
 */

export const GUIDE_MD = `# Course Guide

## Docker

- What is a multi-stage build?
  - It splits the build into stages.
    - The builder stage holds the toolchain.
  - Only the last stage ends up in the image.

- How do I list images?
  - Run the command below.
\`\`\`bash
docker images
\`\`\`

- (위 질문에 이어서) And how do I remove one?
  - Use \`docker rmi\`, see [the docs](https://docs.docker.com/engine/reference/commandline/rmi/ "rmi").

### Docker Summary
![summary](img/docker_summary.png)

### Docker Networking

- What does a bridge network do?
  - It connects containers on one host.

## Kubernetes

- What is a Pod?
  - The smallest deployable unit.
  - ![pod](img/pod.png)

- How do I see pods?
  - Use kubectl.
\`\`\`sh
kubectl get pods
\`\`\`
`;

export const EXTRA_MD = `# Extra Notes

## Kubernetes

- What is a Deployment?
  - It manages ReplicaSets.

## Linux

- How do I see free memory?
  - Use free.
\`\`\`bash
free -h
\`\`\`
`;

/** Both documents, as createTestDatabase takes them. */
export const FIXTURE_FILES = { 'guide.md': GUIDE_MD, 'notes/extra.md': EXTRA_MD };
