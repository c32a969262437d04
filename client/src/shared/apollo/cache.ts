/**
 * The normalized cache and how paged lists merge. Shared by the app and the tests so a
 * component test sees the same merging the browser does.
 */
import { InMemoryCache, type FieldPolicy } from '@apollo/client/core';

interface CursorPage {
  nodes?: unknown[];
  edges?: unknown[];
  [key: string]: unknown;
}

/**
 * A Relay-style list read page by page with "加载更多": a request with `after` appends to
 * what is cached for the same filter; a request without it (first page, a poll, a refetch)
 * replaces it.
 */
export function cursorList(keyArgs: string[] | false): FieldPolicy<CursorPage> {
  return {
    keyArgs,
    merge(existing, incoming, { args }) {
      if (!existing || !args?.after) return incoming;
      return {
        ...incoming,
        nodes: [...(existing.nodes ?? []), ...(incoming.nodes ?? [])],
        ...(incoming.edges ? { edges: [...(existing.edges ?? []), ...incoming.edges] } : {}),
      };
    },
  };
}

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          projects: cursorList(['filter', 'sort', 'asOf']),
          leads: cursorList(['filter', 'asOf']),
          overdueNodes: cursorList(['filter', 'asOf']),
          users: cursorList(['role', 'text']),
          problems: cursorList(['filter', 'asOf']),
          notifications: cursorList(['unreadOnly']),
          metricProjects: cursorList(['year', 'asOf', 'filter', 'indicator', 'part']),
          agreements: cursorList(['filter', 'asOf']),
          // Opening a project or lead already seen in a list shows its cached fields at once.
          project: {
            read(_, { args, toReference }) {
              return toReference({ __typename: 'Project', id: args?.id as string });
            },
          },
          lead: {
            read(_, { args, toReference }) {
              return toReference({ __typename: 'Lead', id: args?.id as string });
            },
          },
          problem: {
            read(_, { args, toReference }) {
              return toReference({ __typename: 'Problem', id: args?.id as string });
            },
          },
          viewer: { merge: false },
        },
      },
      Project: {
        fields: {
          history: cursorList(false),
          site: { merge: true },
          foreignInvestment: { merge: false },
          viewerCan: { merge: true },
        },
      },
      ProjectNode: { fields: { viewerCan: { merge: true }, pendingReport: { merge: false } } },
      Lead: { fields: { viewerCan: { merge: true } } },
      Problem: { fields: { viewerCan: { merge: true }, escalation: { merge: false } } },
      Agreement: { fields: { viewerCan: { merge: true }, commitments: { merge: false } } },
      // A scope's name is the name at the time of each record, so scopes are not merged by id.
      RaceScope: { keyFields: false },
      // One settings object for the whole system: an update replaces what the query cached.
      Settings: { keyFields: [] },
      // Objects without an id of their own are values of their parent.
      Viewer: { keyFields: false },
      ViewerPermissions: { keyFields: false },
      OverdueNode: { keyFields: false },
    },
  });
}
