import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { ActivityPage } from './activity-page';
import { createApolloClient } from './apollo-client';
import { demoAuthorization, demoFeedbackToken, demoUsername } from './demo-auth';
import { DemoSignInFailed } from './demo-sign-in-failed';
import './styles.css';

const client = createApolloClient(demoAuthorization);
const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no element with id "root"');
const root = createRoot(container);

// Signed in first, as a real app is before it shows anyone's activity: the page never says
// "Signed in as" someone the emulator does not know.
demoAuthorization().then(
  () =>
    root.render(
      <StrictMode>
        <ApolloProvider client={client}>
          <ActivityPage username={demoUsername} feedbackTokenFor={demoFeedbackToken} />
        </ApolloProvider>
      </StrictMode>,
    ),
  (failure: unknown) =>
    root.render(
      <StrictMode>
        <DemoSignInFailed username={demoUsername} failure={failure} />
      </StrictMode>,
    ),
);
